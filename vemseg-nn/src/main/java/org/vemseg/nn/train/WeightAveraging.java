package org.vemseg.nn.train;

import java.util.Locale;

/**
 * Whether and how the weights of the last quarter of the schedule are averaged ({@link WeightAverageListener}):
 * none, an exponential moving average (EMA, as timm's ModelEmaV2: weights and batch-norm statistics), or
 * stochastic weight averaging (SWA, Izmailov et al. 2018: a uniform average of weights sampled at regular
 * intervals, with the batch-norm statistics recomputed for the averaged weights at the end).
 *
 * <p>Both start at {@link #startIteration} (three quarters of the schedule), where the average is a copy of the
 * weights. Only the last part is averaged because the early weights are far worse, and averaging them would
 * cost time for nothing: under EMA they would weigh less than e⁻⁵ at the end anyway.
 */
public enum WeightAveraging {
    NONE("none"),
    /**
     * Updated every iteration: average += (weights − average) / τ, with time constant τ = 5 % of the schedule
     * (decay 1 − 1/τ = 0.999 for 20,000 iterations, the usual value; at least 2 iterations).
     */
    EMA("ema"),
    /**
     * A weight sample every {@code max(1, total / 400)} iterations (about 100 samples), and at the last
     * iteration; the average of n samples takes the next with weight 1/(n + 1).
     */
    SWA("swa");

    private final String id;

    WeightAveraging(String id) {
        this.id = id;
    }

    /** The first averaged iteration of a schedule of {@code total} iterations. */
    static long startIteration(long total) {
        return total - total / 4;
    }

    /** The EMA time constant in iterations for a schedule of {@code total}. */
    static long emaTimeConstant(long total) {
        return Math.max(2, total / 20);
    }

    /** Iterations between two SWA samples for a schedule of {@code total}. */
    static long swaInterval(long total) {
        return Math.max(1, total / 400);
    }

    /**
     * Whether iteration {@code iteration} (counted from 1 when done) of a schedule of {@code total} adds to an
     * average that has {@code samples} so far. Once started, an average goes on even if a time budget moves the
     * schedule's end (and so its start) later.
     */
    boolean samplesAt(long iteration, long total, long samples) {
        if (this == NONE) {
            return false;
        }
        if (samples == 0) {
            return iteration >= startIteration(total);
        }
        return this == EMA || iteration % swaInterval(total) == 0 || iteration == total;
    }

    /** The weight of the new sample when the average has {@code samples} (≥ 1) already. */
    double weightOfNext(long samples, long total) {
        return this == EMA ? 1.0 / emaTimeConstant(total) : 1.0 / (samples + 1);
    }

    public static WeightAveraging fromString(String s) {
        for (WeightAveraging w : values()) {
            if (w.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weight averaging '" + s + "'; valid: none, ema, swa");
    }

    @Override
    public String toString() {
        return id;
    }
}
