package org.vemseg.cli;

import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;
import picocli.CommandLine.Option;

/**
 * How a learning run is seeded, checkpointed and resumed: the options {@code train} and {@code pretrain}
 * share, so both commands spell and document them the same way. Its length is the separate argument group
 * {@link Length} (picocli lists a group's options twice when the group sits inside a mixin).
 */
final class RunControl {

    /** Either an iteration count or a time budget. */
    static final class Length {
        @Option(names = "--iterations", paramLabel = "N",
                description = "Iterations (of each network of an ensemble; default 1000).")
        long iterations;

        @Option(names = "--max-minutes", paramLabel = "M",
                description = "Time budget for the whole run; the schedule is fitted to it.")
        double maxMinutes;

        /** Passes the length chosen, a time budget or an iteration count, if any ({@code length} may be null). */
        static void apply(Length length, DoubleConsumer maxMinutes, LongConsumer iterations) {
            if (length != null && length.maxMinutes > 0) {
                maxMinutes.accept(length.maxMinutes);
            } else if (length != null && length.iterations > 0) {
                iterations.accept(length.iterations);
            }
        }
    }

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Random seed of patch sampling, augmentation and initial weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--resume", description = "Continue from the checkpoint(s) beside --out.")
    boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "200",
            description = "Iterations between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;
}
