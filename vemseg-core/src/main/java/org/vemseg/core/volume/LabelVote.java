package org.vemseg.core.volume;

/**
 * The label a window of label voxels is reduced to when a label image is downsampled: the most frequent value,
 * the larger one on a tie (so thin foreground is not lost to background 0). A mean would invent class or
 * object ids that exist nowhere. Meant for small windows (2×2, 2×2×2, 4×4): quadratic in the window size.
 */
public final class LabelVote {

    private LabelVote() {
    }

    /** The most frequent of the first {@code n} values (n ≥ 1), the larger on a tie. */
    public static double of(double[] values, int n) {
        double best = values[0];
        int bestCount = 0;
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                count += values[j] == values[i] ? 1 : 0;
            }
            if (count > bestCount || (count == bestCount && values[i] > best)) {
                best = values[i];
                bestCount = count;
            }
        }
        return best;
    }
}
