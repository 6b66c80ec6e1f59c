package org.vemseg.nn.train;

import java.util.function.Function;
import org.vemseg.core.Progress;

/**
 * Reports a run to a {@link Progress}: in iterations, or in seconds of a time budget, with a status line (the
 * loss and whatever else the run reports) after each iteration.
 */
public final class ProgressListener implements TrainingListener {

    private final Progress progress;
    private final String task;
    private final boolean timed;
    private final double budgetSeconds;
    private final Function<FitState, String> status;
    private long reported;

    private ProgressListener(Progress progress, String task, boolean timed, double budgetSeconds,
            Function<FitState, String> status) {
        this.progress = progress;
        this.task = task;
        this.timed = timed;
        this.budgetSeconds = budgetSeconds;
        this.status = status;
    }

    /** Progress in iterations; {@code status} is the message shown after each iteration. */
    public static ProgressListener iterations(Progress progress, String task, Function<FitState, String> status) {
        return new ProgressListener(progress, task, false, 0, status);
    }

    /** Progress in seconds of a time budget. */
    public static ProgressListener seconds(Progress progress, String task, double budgetSeconds,
            Function<FitState, String> status) {
        return new ProgressListener(progress, task, true, budgetSeconds, status);
    }

    private boolean timed() {
        return timed;
    }

    private long position(FitState s) {
        return timed() ? (long) s.seconds() : s.iteration();
    }

    @Override
    public void onStart(FitState s) {
        progress.start(task, timed() ? (long) Math.ceil(budgetSeconds) : s.total(), timed() ? "s" : "it");
        reported = position(s);
        progress.advance(reported);
    }

    @Override
    public void onIteration(FitState s) {
        progress.message(status.apply(s));
        long now = position(s);
        progress.advance(now - reported);
        reported = now;
    }

    @Override
    public void onClose(FitState s) {
        progress.finish();
    }
}
