package org.vemseg.core.objects;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * 3D connected-component labelling of a {@link Mask} with 6-, 18- or 26-connectivity.
 *
 * <p>Run-based two-pass algorithm: each x-row is reduced to runs of foreground voxels; runs that touch a run
 * in an earlier row (same slice, previous row; previous slice, up to three rows) are merged with a
 * union-find over run indices; finally runs are painted with consecutive labels. Work is proportional to
 * the number of runs rather than voxels for the merging, and every pass is parallel over slices: runs
 * are found slice by slice, merged inside z-slabs in parallel (each slab's unions stay within its own
 * index range), then the few slab seams are merged serially. Labels are numbered in scan order (z, y, x of
 * each object's first voxel), like scikit-image.
 */
public final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Labels the foreground components of {@code mask}. */
    public static LabelVolume label(Mask mask, Connectivity connectivity) {
        int d = mask.depth();
        int h = mask.height();
        int w = mask.width();
        if (d == 0 || h == 0 || w == 0) {
            return new LabelVolume(d, h, w, new int[mask.size()], 0);
        }
        SliceRuns[] slices = new SliceRuns[d];
        parallel(d, z -> slices[z] = SliceRuns.of(mask.voxels(), z, h, w));
        int[] offset = new int[d + 1];
        for (int z = 0; z < d; z++) {
            offset[z + 1] = Math.addExact(offset[z], slices[z].count);
        }
        UnionFind sets = new UnionFind(offset[d]);
        int threads = Math.max(1, Math.min(d, ForkJoinPool.commonPool().getParallelism() * 4));
        int slab = (d + threads - 1) / threads;
        int slabs = (d + slab - 1) / slab;
        parallel(slabs, s -> {
            int z0 = s * slab;
            int z1 = Math.min(d, z0 + slab);
            for (int z = z0; z < z1; z++) {
                mergeSlice(slices, offset, sets, z, z > z0, h, connectivity);
            }
        });
        for (int s = 1; s < slabs; s++) {
            mergeAcrossSlices(slices, offset, sets, s * slab, h, connectivity);
        }
        int[] count = new int[1];
        int[] runLabel = sets.consecutiveLabels(count);
        int[] labels = new int[mask.size()];
        parallel(d, z -> slices[z].paint(labels, runLabel, offset[z], z, h, w));
        return new LabelVolume(d, h, w, labels, count[0]);
    }

    private static void mergeSlice(SliceRuns[] slices, int[] offset, UnionFind sets, int z, boolean withPrevious,
            int h, Connectivity c) {
        SliceRuns cur = slices[z];
        int base = offset[z];
        int inPlane = c == Connectivity.SIX ? 0 : 1;
        for (int y = 1; y < h; y++) {
            merge(cur, y, base, cur, y - 1, base, inPlane, sets);
        }
        if (withPrevious) {
            mergeAcrossSlices(slices, offset, sets, z, h, c);
        }
    }

    /** Merges the runs of slice {@code z} with touching runs of slice {@code z - 1}. */
    private static void mergeAcrossSlices(SliceRuns[] slices, int[] offset, UnionFind sets, int z, int h,
            Connectivity c) {
        SliceRuns cur = slices[z];
        SliceRuns prev = slices[z - 1];
        int base = offset[z];
        int prevBase = offset[z - 1];
        // Straight below: x offset allowed for 18/26 (edge neighbours in the xz plane).
        int straight = c == Connectivity.SIX ? 0 : 1;
        // Diagonal rows (y +- 1 in the previous slice): only for 18 (exact x) and 26 (x +- 1).
        int diagonal = c == Connectivity.TWENTY_SIX ? 1 : 0;
        for (int y = 0; y < h; y++) {
            merge(cur, y, base, prev, y, prevBase, straight, sets);
            if (c != Connectivity.SIX) {
                if (y > 0) {
                    merge(cur, y, base, prev, y - 1, prevBase, diagonal, sets);
                }
                if (y + 1 < h) {
                    merge(cur, y, base, prev, y + 1, prevBase, diagonal, sets);
                }
            }
        }
    }

    /**
     * Unions every run of row {@code ya} in {@code a} with the runs of row {@code yb} in {@code b} that touch
     * it: runs {@code [s1, e1)} and {@code [s2, e2)} touch if they overlap after widening by {@code tol}.
     */
    private static void merge(SliceRuns a, int ya, int baseA, SliceRuns b, int yb, int baseB, int tol,
            UnionFind sets) {
        int i = a.rowStart[ya];
        int iEnd = a.rowStart[ya + 1];
        int j = b.rowStart[yb];
        int jEnd = b.rowStart[yb + 1];
        int[] sa = a.start;
        int[] ea = a.end;
        int[] sb = b.start;
        int[] eb = b.end;
        while (i < iEnd && j < jEnd) {
            if (sa[i] < eb[j] + tol && sb[j] < ea[i] + tol) {
                sets.union(baseA + i, baseB + j);
            }
            if (ea[i] < eb[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    static void parallel(int n, java.util.function.IntConsumer body) {
        if (n <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        IntStream.range(0, n).parallel().forEach(body);
    }

    /** Runs of one z slice: row {@code y}'s runs are {@code rowStart[y] .. rowStart[y+1]-1}, x in [start, end). */
    static final class SliceRuns {
        final int[] rowStart;
        int[] start;
        int[] end;
        int count;

        private SliceRuns(int h) {
            rowStart = new int[h + 1];
            start = new int[16];
            end = new int[16];
        }

        static SliceRuns of(byte[] mask, int z, int h, int w) {
            SliceRuns r = new SliceRuns(h);
            int base = z * h * w;
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
            return r;
        }

        private void add(int s, int e) {
            if (count == start.length) {
                int n = Math.max(16, count * 2);
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
            }
            start[count] = s;
            end[count] = e;
            count++;
        }

        void paint(int[] labels, int[] runLabel, int base, int z, int h, int w) {
            int sliceBase = z * h * w;
            for (int y = 0; y < h; y++) {
                int row = sliceBase + y * w;
                for (int k = rowStart[y]; k < rowStart[y + 1]; k++) {
                    java.util.Arrays.fill(labels, row + start[k], row + end[k], runLabel[base + k]);
                }
            }
        }
    }
}
