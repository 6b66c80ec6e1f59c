package org.vemseg.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets Ctrl-C or SIGTERM end a learning run (train, pretrain, benchmark) with a checkpoint instead of losing it:
 * while the run lasts, a JVM shutdown hook asks it to stop and waits, up to two minutes, until it has written its
 * checkpoint and returned. The library only offers the stop request; installing hooks is the application's call.
 */
public final class CheckpointOnShutdown {

    /** How long the exiting JVM waits for the final checkpoint. */
    private static final long WAIT_SECONDS = 120;

    private CheckpointOnShutdown() {
    }

    /** Runs {@code run} with the hook installed; {@code requestStop} is the run's own stop request. */
    public static <T> T run(Runnable requestStop, Supplier<T> run) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop.run();
            try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vemseg-checkpoint-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.get();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and waits for `done`, released above
            }
        }
    }
}
