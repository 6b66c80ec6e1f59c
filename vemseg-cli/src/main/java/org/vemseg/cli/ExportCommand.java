package org.vemseg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vemseg.nn.bmz.BmzExport;
import org.vemseg.nn.bmz.BmzOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vemseg export --bmz}: a trained model as bioimage.io model packages. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained model for other tools.",
            "--bmz writes a bioimage.io model package (format 0.5: rdf.yaml, PyTorch state dict weights and "
                    + "architecture source, test tensors, cover, README) for deepImageJ, ilastik, napari, QuPath and "
                    + "bioimageio.core. An ensemble (--frames 1,3,5) becomes one package per member: "
                    + "OUT-member1-1f.zip, OUT-member2-3f.zip, ..., since the format has no ensembles."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model trained by vemseg (.vsm).")
    Path model;

    @Parameters(index = "1", paramLabel = "OUT", description = "The package to write (.zip).")
    Path out;

    @Option(names = "--bmz", required = true, description = "Write a bioimage.io model package (the only format yet).")
    boolean bmz;

    @Option(names = "--author", paramLabel = "NAME", description = "Author of the model, repeatable "
            + "(default: the user name).")
    List<String> authors;

    @Option(names = "--license", paramLabel = "SPDX", defaultValue = "CC-BY-4.0",
            description = "License of the weights, an SPDX identifier (default: ${DEFAULT-VALUE}).")
    String license;

    @Mixin
    Overwrite overwrite;

    @Override
    public Integer call() {
        List<String> names = authors == null || authors.isEmpty() ? List.of(System.getProperty("user.name", "unknown"))
                : authors;
        BmzOptions options;
        try {
            options = new BmzOptions(names, license, overwrite.requested());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        for (Path p : BmzExport.export(model, out, options)) {
            spec.commandLine().getOut().println(p);
        }
        return 0;
    }
}
