package org.vemseg.core.predict;

/**
 * Mirror padding without repeating the edge voxel ({@code numpy.pad(mode='reflect')}): index -1 maps to
 * 1, index n maps to n - 2. Pads wider than the axis keep reflecting back and forth, so any index maps
 * into the axis; an axis of length 1 maps everything to 0. Also how training patches continue past a stack's ends.
 */
public final class Reflect {

    private Reflect() {
    }

    /** The in-range index that {@code i} mirrors to on an axis of length {@code n} (n >= 1). */
    public static long index(long i, long n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (n == 1) {
            return 0;
        }
        long period = 2 * (n - 1);
        long m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
