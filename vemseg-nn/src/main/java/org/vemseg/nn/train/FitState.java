package org.vemseg.nn.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link FitLoop} is: the iteration, the schedule length, the run's clock (including the sessions before
 * a resume), and the learning rate and loss of the latest step. Listeners read it, and the time budget and the
 * schedule change it.
 */
public final class FitState {

    private long iteration;
    private long total;
    private boolean totalFixed;
    private final double secondsBefore;
    private final long sessionStart = System.nanoTime();
    private double seconds;
    private double lr = Double.NaN;
    private final List<Double> losses = new ArrayList<>();

    /**
     * @param iteration iterations done before this session
     * @param total iterations the schedule runs to
     * @param totalFixed whether {@code total} is final (false while a time budget is not yet fitted)
     * @param seconds wall-clock seconds of the sessions before this one
     */
    public FitState(long iteration, long total, boolean totalFixed, double seconds) {
        this.iteration = iteration;
        this.total = total;
        this.totalFixed = totalFixed;
        this.secondsBefore = seconds;
        this.seconds = seconds;
    }

    public long iteration() {
        return iteration;
    }

    public long total() {
        return total;
    }

    public boolean totalFixed() {
        return totalFixed;
    }

    /** Wall-clock seconds of the run up to the last {@link #tick()}. */
    public double seconds() {
        return seconds;
    }

    /** Learning rate of the current (or latest) step. */
    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = lr;
    }

    /** Loss of the latest step. */
    public double loss() {
        return losses.get(losses.size() - 1);
    }

    /** Fixes the schedule length, e.g. once a time budget has been converted into iterations. */
    public void fixTotal(long newTotal) {
        total = newTotal;
        totalFixed = true;
    }

    /** Changes the schedule length, e.g. to end the run at this iteration when its time is up. */
    public void setTotal(long newTotal) {
        total = newTotal;
    }

    /** Brings {@link #seconds()} up to now. */
    public void tick() {
        seconds = secondsBefore + (System.nanoTime() - sessionStart) / 1e9;
    }

    /** The losses of this session's iterations. */
    public double[] sessionLosses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Iterations per second in this session. */
    public double iterationsPerSecond() {
        double s = (System.nanoTime() - sessionStart) / 1e9;
        return s > 0 ? losses.size() / s : 0;
    }

    void stepped(double loss) {
        losses.add(loss);
        iteration++;
        tick();
    }
}
