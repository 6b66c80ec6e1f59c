package org.vemseg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --threads} option of every command that runs a network, and the engine set-up that goes with
 * it. PyTorch reads these properties once, when the engine loads, so {@link #configure()} must run before
 * any model is built.
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
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        if (threads != null) {
            if (threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be ≥ 1 but was " + threads);
            }
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
