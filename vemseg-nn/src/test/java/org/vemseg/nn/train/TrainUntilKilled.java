package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.vemseg.core.Progress;
import org.vemseg.nn.model.Architecture;

/**
 * Test helper run in a child JVM: trains for very long on the given data and prints each finished iteration,
 * so {@link ShutdownCheckpointTest} can kill it (SIGTERM runs shutdown hooks as Ctrl-C does).
 */
public final class TrainUntilKilled {

    private TrainUntilKilled() {
    }

    static TrainingConfig config(Path images, Path labels, Path out, boolean resume, long iterations) {
        return TrainingConfig.builder(images, labels, out).foreground(OptionalInt.of(1), OptionalInt.empty())
                .architecture(Architecture.RESUNET).width(0.125).patch(64).batch(1).iterations(iterations)
                .checkpointEvery(1_000_000).resume(resume).build();
    }

    public static void main(String[] args) {
        TrainingConfig c = config(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), false, 1_000_000);
        new Trainer().run(c, new Progress() {
            private long done;

            @Override
            public void start(String task, long total, String unit) {
            }

            @Override
            public void advance(long amount) {
                done += amount;
                System.out.println("iteration " + done);
                System.out.flush();
            }

            @Override
            public void finish() {
            }
        });
    }
}
