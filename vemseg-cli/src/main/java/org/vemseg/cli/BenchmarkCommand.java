package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vemseg.core.Progress;
import org.vemseg.nn.pretrain.BenchmarkConfig;
import org.vemseg.nn.pretrain.BenchmarkDataset;
import org.vemseg.nn.pretrain.BenchmarkResult;
import org.vemseg.nn.pretrain.TransferBenchmark;
import org.vemseg.nn.train.OptimizerKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg benchmark}: random initialisation versus a pre-trained encoder on labelled datasets. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Fine-tune the same ResUNet for the same iterations from random initialisation and from "
                + "pre-trained encoder weights on each dataset, score foreground IoU on held-out slices, and write "
                + "a Markdown table (rows datasets, columns initialisations) and a CSV beside it.",
            "Splits: cdeep3m-mito train/ vs valid/; lucchi-pp slices 0-139 vs 140-164; isbi2012 slices 0-24 vs "
                    + "25-29 (foreground = membrane, label 0)."})
final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME[,NAME...]", converter = Converters.Dataset.class,
            defaultValue = "cdeep3m-mito,lucchi-pp,isbi2012", description = "Default: ${DEFAULT-VALUE}.")
    List<BenchmarkDataset> datasets = new ArrayList<>();

    @Option(names = "--encoder-weights", required = true, paramLabel = "FILE.weights",
            description = "Pre-trained encoder (vemseg pretrain); the network takes its encoder (resnet18: resunet, "
                    + "resnet50: resunet50) and width.")
    Path encoderWeights;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "500",
            description = "Fine-tuning iterations per run. Default: ${DEFAULT-VALUE}.")
    long iterations;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data",
            description = "Folder with the datasets. Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "TABLE.md", description = "Markdown table to write.")
    Path out;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Folder for split volumes, models and logs (default: OUT's folder/benchmark-work).")
    Path work;

    @Option(names = "--patch", paramLabel = "PX", defaultValue = "160", description = "Default: ${DEFAULT-VALUE}.")
    int patch;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--optimizer", paramLabel = "sgd|adamw", defaultValue = "adamw",
            converter = Converters.Optimizer.class, description = "Default: ${DEFAULT-VALUE}.")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default 3e-3 adamw, 1e-2 sgd).")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    Overwrite overwrite;

    @Mixin
    TrainingSession session;

    @Override
    public Integer call() {
        Progress progress = session.start();
        BenchmarkConfig c;
        try {
            Path w = work != null ? work : out.toAbsolutePath().resolveSibling("benchmark-work");
            c = new BenchmarkConfig(datasets, data, encoderWeights, iterations, out, w, patch, batch, optimizer,
                    lr != null ? lr : optimizer.defaultLr(), seed, overwrite.requested());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TransferBenchmark benchmark = new TransferBenchmark(progress);
        BenchmarkConfig config = c;
        BenchmarkResult r = CheckpointOnShutdown.run(benchmark::requestStop, () -> benchmark.run(config));
        PrintWriter o = spec.commandLine().getOut();
        r.markdown().forEach(o::println);
        o.println("wrote " + c.out() + " and " + c.csv());
        o.flush();
        return 0;
    }
}
