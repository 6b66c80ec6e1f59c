package org.vemseg.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code vemseg} command: lists the verbs. */
@Command(name = "vemseg",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // descriptions of shared options that differ by command (see Overwrite)
        resourceBundle = "org.vemseg.cli.OptionTexts",
        description = "Segment and quantify volume electron microscopy stacks.",
        // one verb per line, in the order of a user's work
        subcommands = {
            DemoCommand.class,
            InfoCommand.class,
            ConvertCommand.class,
            ExportCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            AnalyzeCommand.class,
            CurateCommand.class,
            PretrainCommand.class,
            BenchmarkCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footer = {"",
            "Volumes: .tif/.tiff, a folder of .png/.tif slices, file.h5:/dataset, .mrc/.rec, .zarr (OME-Zarr).",
            "Run 'vemseg COMMAND --help' for a command's options."})
public final class VemsegCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
