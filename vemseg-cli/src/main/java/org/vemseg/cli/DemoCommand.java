package org.vemseg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vemseg.cli.demo.DemoPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg demo}: the whole pipeline on a synthetic volume, nothing to download. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run vemseg end to end on a synthetic EM-like volume it generates (nothing to download).")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder, new, empty or an earlier demo's, "
            + "which is replaced (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("demo-output");

    @Option(names = "--seed", description = "Random seed of the synthetic volume (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    Quiet quiet;

    @Override
    public Integer call() {
        NativeAllocator.adviseOnce(true);  // the demo trains
        // The demo's folder is its own: rerunning replaces its previous outputs (DemoFolder refuses any other).
        new DemoPipeline(out, seed, spec.commandLine().getOut(), quiet.progress(1)).run();
        return 0;
    }
}
