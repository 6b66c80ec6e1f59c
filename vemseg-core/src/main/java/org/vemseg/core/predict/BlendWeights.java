package org.vemseg.core.predict;

/**
 * Weights for blending the valid regions of overlapping tiles into one seamless output.
 *
 * <p>The 2D weight of a tile is separable, {@code wy(i) * wx(j)}. Along an axis, the weight is 1 in the
 * middle and falls over {@code ramp} pixels as a raised cosine, {@code 0.5 - 0.5 cos(pi (d + 0.5) / ramp)}
 * at distance {@code d} from the edge, towards each side where another tile of the plan overlaps it.
 * The half-pixel offset keeps weights strictly positive. Where two tiles overlap by exactly
 * {@code ramp} pixels, the falling and rising ramps sum to exactly 1 (sin² + cos²), so the blend is a
 * partition of unity; elsewhere (the last tile shifted inward, a unit border) dividing by the summed
 * weights normalises the average. On a side with no neighbour (the volume or region border) the weight
 * stays 1, so the border voxels are not divided by a tiny number.
 */
public final class BlendWeights {

    private final int ramp;

    /**
     * Weights for valid regions of {@code valid} pixels between tiles overlapping by {@code overlap}: the ramp is
     * {@code min(overlap, valid / 2)} pixels long, at least 1.
     */
    public BlendWeights(int valid, int overlap) {
        this.ramp = Math.max(1, Math.min(overlap, valid / 2));
    }

    /**
     * The weights along one axis of a valid region of {@code length} pixels (tiles at the volume's edges have longer
     * or shorter valid regions than those between tiles; the ramps stay the same).
     *
     * @param rampStart whether a neighbour overlaps the start (lower coordinates)
     * @param rampEnd   whether a neighbour overlaps the end
     * @return a new array
     */
    public float[] axis(int length, boolean rampStart, boolean rampEnd) {
        return profile(length, ramp, rampStart, rampEnd);
    }

    static float[] profile(int valid, int ramp, boolean start, boolean end) {
        float[] w = new float[valid];
        for (int d = 0; d < valid; d++) {
            double v = 1;
            if (start && d < ramp) {
                v *= bump(d, ramp);
            }
            if (end && valid - 1 - d < ramp) {
                v *= bump(valid - 1 - d, ramp);
            }
            w[d] = (float) v;
        }
        return w;
    }

    private static double bump(int d, int ramp) {
        return 0.5 - 0.5 * Math.cos(Math.PI * (d + 0.5) / ramp);
    }
}
