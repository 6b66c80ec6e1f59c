package org.vemseg.nn.data;

/**
 * SplitMix64 random numbers whose whole state is one {@code long}, so a checkpoint can store it and a resumed
 * training draws exactly the patches and augmentations the uninterrupted one would have drawn.
 * Not thread-safe.
 *
 * <p>Code on the reproducible training path uses {@link StrictMath} for transcendental functions: {@code Math.pow},
 * {@code log}, {@code exp}, {@code cos} may differ by an ulp between interpreted and JIT-compiled code, which made
 * the first training in a JVM differ slightly from later identical ones.
 */
public final class SeededRandom {

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The complete state; {@code new SeededRandom(r.state())} continues the same sequence. */
    public long state() {
        return state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive but was " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    public boolean nextBoolean(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal (Box–Muller, no cached second value, so the state stays one long). */
    public double nextGaussian() {
        double u = 1.0 - nextDouble();
        double v = nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }

    /**
     * Adds normal noise of standard deviation {@code sigma} to every value, drawn from {@link NormalQuantiles}
     * four values per random number. Exact {@link #nextGaussian} costs a logarithm, a square root and a cosine
     * per value, which made noise the most expensive training augmentation and slowed two-core training
     * (bench/RESULTS.md, section 3).
     */
    public void addNormalNoise(float[] values, float sigma) {
        int i = 0;
        while (i < values.length) {
            long bits = nextLong();
            for (int k = 0; k < 4 && i < values.length; k++, i++, bits >>>= 16) {
                values[i] += sigma * NormalQuantiles.at((int) (bits & 0xFFFF));
            }
        }
    }
}
