package org.vemseg.core.objects;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The foreground runs of one z slice: row {@code y}'s runs are indices {@code rowStart[y] .. rowStart[y+1]-1},
 * each covering x in {@code [start, end)}. A slice's runs take memory in proportion to the object outlines it
 * crosses, not to its area.
 */
final class SliceRuns {
    final int[] rowStart;
    int[] start;
    int[] end;
    int count;

    private SliceRuns(int h) {
        rowStart = new int[h + 1];
        start = new int[16];
        end = new int[16];
    }

    /** The runs of the {@code h * w} slice starting at {@code base} in {@code mask} (non-zero = foreground). */
    static SliceRuns of(byte[] mask, int base, int h, int w) {
        SliceRuns r = new SliceRuns(h);
        for (int y = 0; y < h; y++) {
            r.rowStart[y] = r.count;
            int row = base + y * w;
            int x = 0;
            while (x < w) {
                while (x < w && mask[row + x] == 0) {
                    x++;
                }
                if (x == w) {
                    break;
                }
                int s = x;
                while (x < w && mask[row + x] != 0) {
                    x++;
                }
                r.add(s, x);
            }
        }
        r.rowStart[h] = r.count;
        if (r.start.length > r.count + 16) {
            r.start = Arrays.copyOf(r.start, r.count);
            r.end = Arrays.copyOf(r.end, r.count);
        }
        return r;
    }

    /**
     * The runs of the voxels of an {@code h * w} slice that lie in none of the runs {@code k} of {@code r} with
     * {@code present.test(k)}: the background of a slice when every run is present, or the foreground left when
     * only some background runs are present (hole filling). Works on runs only, never on a voxel array.
     */
    static SliceRuns complement(SliceRuns r, int h, int w, IntPredicate present) {
        SliceRuns c = new SliceRuns(h);
        for (int y = 0; y < h; y++) {
            c.rowStart[y] = c.count;
            int x = 0;
            for (int k = r.rowStart[y]; k < r.rowStart[y + 1]; k++) {
                if (present.test(k)) {
                    if (r.start[k] > x) {
                        c.add(x, r.start[k]);
                    }
                    x = r.end[k];
                }
            }
            if (x < w) {
                c.add(x, w);
            }
        }
        c.rowStart[h] = c.count;
        return c;
    }

    /** Number of voxels in the runs {@code k} with {@code which.test(k)}. */
    long voxels(IntPredicate which) {
        long n = 0;
        for (int k = 0; k < count; k++) {
            if (which.test(k)) {
                n += end[k] - start[k];
            }
        }
        return n;
    }

    private void add(int s, int e) {
        if (count == start.length) {
            int n = Math.max(16, count * 2);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
        }
        start[count] = s;
        end[count] = e;
        count++;
    }
}
