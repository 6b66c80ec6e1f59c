package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        return TrainingConfig.builder(images, labels, out).optForeground(OptionalInt.of(1))
                .optArch(Architecture.RESUNET).optWidth(0.125).optPatch(64).optBatch(1).optIterations(iterations)
                .optCheckpointEvery(1_000_000).optResume(resume).build();
    }

    public static void main(String[] args) {
        TrainingConfig c = config(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), false, 1_000_000);
        Trainer trainer = new Trainer();
        // as the command line does (its CheckpointOnShutdown): SIGTERM asks for a stop and waits for the checkpoint
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            run(trainer, c);
        } finally {
            done.countDown();
        }
    }

    private static void run(Trainer trainer, TrainingConfig c) {
        trainer.run(c, new Progress() {
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
