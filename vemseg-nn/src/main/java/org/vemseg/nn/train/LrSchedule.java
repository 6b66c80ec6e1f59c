package org.vemseg.nn.train;

/** Learning rate as a function of the iteration and the total number of iterations. */
public interface LrSchedule {

    double at(long iteration, long total);

    /** CDeep3M / Caffe "poly": base × (1 − it/total)^power. */
    static LrSchedule poly(double base, double power) {
        return (it, total) -> base * StrictMath.pow(Math.max(0, 1 - (double) it / Math.max(1, total)), power);
    }

    /**
     * One-cycle (Smith 2018; PyTorch OneCycleLR defaults as used by CEM500K): cosine warm-up from max/25 to
     * {@code max} over the first 30 %, then cosine annealing to max/25/10⁴.
     */
    static LrSchedule oneCycle(double max) {
        double start = max / 25;
        double end = start / 1e4;
        return (it, total) -> {
            double warm = 0.3 * Math.max(1, total);
            if (it < warm) {
                return cosine(start, max, it / warm);
            }
            return cosine(max, end, Math.min(1, (it - warm) / Math.max(1, total - warm)));
        };
    }

    /** Cosine decay from {@code base} to 0 over the schedule, as MoCo v2. */
    public static LrSchedule cosine(double base) {
        return (it, total) -> base * 0.5 * (1 + StrictMath.cos(Math.PI * it / total));
    }

    private static double cosine(double from, double to, double t) {
        return to + (from - to) * (1 + StrictMath.cos(Math.PI * t)) / 2;
    }

    static LrSchedule forOptimizer(OptimizerKind kind, double lr) {
        return kind == OptimizerKind.SGD ? poly(lr, 0.8) : oneCycle(lr);
    }
}
