package org.vemseg.nn.train;

import org.vemseg.core.Progress;

/** Progress that requests a stop once {@code n} iterations are reported, as Ctrl-C would: for interruption tests. */
public final class StopAfter implements Progress {
    private final long n;
    private final Runnable stop;
    private long done;

    /** @param stop the run's own stop request, e.g. {@code trainer::requestStop} */
    public StopAfter(long n, Runnable stop) {
        this.n = n;
        this.stop = stop;
    }

    @Override
    public void start(String task, long total, String unit) {
    }

    @Override
    public void advance(long amount) {
        done += amount;
        if (done >= n) {
            stop.run();
        }
    }

    @Override
    public void finish() {
    }
}
