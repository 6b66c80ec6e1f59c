package org.vemseg.core.curate;

/**
 * Where patches start along one image axis: every {@code stride} pixels from a border margin, as many as
 * fit, with the leftover split evenly between both ends. The margin shrinks for images only slightly
 * larger than a patch (an image exactly one patch wide gives one patch at 0); an axis shorter than one
 * patch gives none.
 */
final class PatchGrid {

    private PatchGrid() {
    }

    static long[] starts(long extent, int size, int stride, int margin) {
        if (extent < size) {
            return new long[0];
        }
        long m = Math.min(margin, (extent - size) / 2);
        long usable = extent - 2 * m;
        long n = (usable - size) / stride + 1;
        long leftover = usable - ((n - 1) * stride + size);
        long first = m + leftover / 2;
        long[] s = new long[(int) n];
        for (int i = 0; i < n; i++) {
            s[i] = first + (long) i * stride;
        }
        return s;
    }
}
