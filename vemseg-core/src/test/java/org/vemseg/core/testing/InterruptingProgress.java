package org.vemseg.core.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.vemseg.core.Progress;

/**
 * A progress that stops the work reporting to it once {@code units} units (blocks, voxels) are done, by throwing
 * "simulated interruption" from {@link #advance}: what a resumable job leaves when Ctrl-C or kill -9 stops it
 * mid-way, without a child process.
 */
public final class InterruptingProgress implements Progress {

    /** The message of the exception that stops the work. */
    public static final String MESSAGE = "simulated interruption";

    private final long units;
    private final AtomicLong done = new AtomicLong();

    private InterruptingProgress(long units) {
        this.units = units;
    }

    /** Stops the work once {@code units} units are done. */
    public static Progress after(long units) {
        return new InterruptingProgress(units);
    }

    @Override
    public void start(String task, long total, String unit) {
    }

    @Override
    public void advance(long amount) {
        if (done.addAndGet(amount) >= units) {
            throw new IllegalStateException(MESSAGE);
        }
    }

    @Override
    public void finish() {
    }
}
