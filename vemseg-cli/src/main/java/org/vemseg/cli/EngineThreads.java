package org.vemseg.cli;

import org.vemseg.nn.engine.EngineSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --threads} option of every command that runs a network. The engine reads its settings
 * ({@link EngineSettings}) once, when it loads, so {@link #configure()} must run before any model is built.
 */
final class EngineThreads {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: all cores). On a CPU shared with other jobs, 1 is "
                    + "often faster: idle threads spin while waiting for the busy ones.")
    Integer threads;

    /** {@link #configure()} for a command that trains, which also checks the native allocator it runs with. */
    void configureForTraining() {
        NativeAllocator.adviseOnce(true);
        configure();
    }

    /** Offline engine (the natives ship in the jar) and the thread count, if given. */
    void configure() {
        EngineSettings.offline();
        if (threads != null) {
            if (threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--threads must be ≥ 1 but was " + threads);
            }
            EngineSettings.threads(threads);
        }
    }
}
