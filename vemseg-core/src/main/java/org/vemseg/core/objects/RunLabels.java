package org.vemseg.core.objects;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Connected components held as labelled runs: for every slice its foreground runs (see {@link SliceRuns}) and
 * one label per run. This is the result of the run-based labelling before it is painted into a voxel array;
 * it needs memory in proportion to the objects' outlines, so volumes far larger than one Java array can be
 * labelled, measured, meshed and written slice by slice.
 *
 * <p>Labelling: runs that touch a run of an earlier row (same slice, previous row; previous slice, up to three
 * rows) are merged with a union-find over run indices, then numbered 1, 2, ... in scan order (z, y, x of each
 * object's first voxel), like scikit-image. Merging is parallel over z-slabs (each slab's unions stay within
 * its own index range), followed by the few slab seams.
 */
public final class RunLabels implements LabelSource {

    private final int d;
    private final int h;
    private final int w;
    private final SliceRuns[] slices;
    private final int[] offset;
    private final int[] runLabel;
    private final int count;

    private RunLabels(int d, int h, int w, SliceRuns[] slices, int[] offset, int[] runLabel, int count) {
        this.d = d;
        this.h = h;
        this.w = w;
        this.slices = slices;
        this.offset = offset;
        this.runLabel = runLabel;
        this.count = count;
    }

    /** Labels a mask held in memory. */
    public static RunLabels of(Mask mask, Connectivity connectivity) {
        return of(mask, connectivity, false);
    }

    /**
     * Labels a mask held in memory.
     *
     * @param perSlice label each z slice on its own (objects never continue into the next slice), with the
     *     in-plane part of {@code connectivity}: 4-connected for 6, 8-connected for 18 and 26
     */
    public static RunLabels of(Mask mask, Connectivity connectivity, boolean perSlice) {
        int d = mask.depth();
        int h = mask.height();
        int w = mask.width();
        SliceRuns[] slices = new SliceRuns[d];
        int plane = h * w;
        parallel(d, z -> slices[z] = SliceRuns.of(mask.voxels(), z * plane, h, w));
        return of(slices, h, w, connectivity, perSlice);
    }

    /**
     * Collects a volume's slices one at a time (e.g. while streaming it for another purpose) and labels them
     * at the end; memory is the runs only.
     */
    public static final class Builder {
        private final int h;
        private final int w;
        private final java.util.List<SliceRuns> slices = new java.util.ArrayList<>();

        public Builder(int height, int width) {
            this.h = height;
            this.w = width;
        }

        /** Adds the next z slice: {@code height * width} bytes of {@code mask} from {@code offset}, non-zero = on. */
        public Builder add(byte[] mask, int offset) {
            slices.add(SliceRuns.of(mask, offset, h, w));
            return this;
        }

        public RunLabels build(Connectivity connectivity, boolean perSlice) {
            return of(slices.toArray(new SliceRuns[0]), h, w, connectivity, perSlice);
        }

        /** Post-processes the collected mask (fill holes, remove small objects) and labels it. */
        public PostProcessing.Result build(Connectivity connectivity, boolean perSlice, PostProcessing post) {
            return post.apply(slices.toArray(new SliceRuns[0]), h, w, connectivity, perSlice);
        }
    }

    /** Labels the runs of all slices of a volume (found by the caller, e.g. slab by slab from a file). */
    static RunLabels of(SliceRuns[] slices, int h, int w, Connectivity connectivity, boolean perSlice) {
        int d = slices.length;
        int[] offset = new int[d + 1];
        for (int z = 0; z < d; z++) {
            offset[z + 1] = Math.addExact(offset[z], slices[z].count);
        }
        UnionFind sets = new UnionFind(offset[d]);
        if (d > 0) {
            int threads = Math.max(1, Math.min(d, ForkJoinPool.commonPool().getParallelism() * 4));
            int slab = (d + threads - 1) / threads;
            int slabs = (d + slab - 1) / slab;
            parallel(slabs, s -> {
                int z0 = s * slab;
                int z1 = Math.min(d, z0 + slab);
                for (int z = z0; z < z1; z++) {
                    mergeInPlane(slices[z], offset[z], sets, h, connectivity);
                    if (z > z0 && !perSlice) {
                        mergeAcrossSlices(slices, offset, sets, z, h, connectivity);
                    }
                }
            });
            for (int s = 1; s < slabs && !perSlice; s++) {
                mergeAcrossSlices(slices, offset, sets, s * slab, h, connectivity);
            }
        }
        int[] n = new int[1];
        int[] runLabel = sets.consecutiveLabels(n);
        return new RunLabels(d, h, w, slices, offset, runLabel, n[0]);
    }

    private static void mergeInPlane(SliceRuns cur, int base, UnionFind sets, int h, Connectivity c) {
        int tol = c == Connectivity.SIX ? 0 : 1;
        for (int y = 1; y < h; y++) {
            merge(cur, y, base, cur, y - 1, base, tol, sets);
        }
    }

    /** Merges the runs of slice {@code z} with touching runs of slice {@code z - 1}. */
    private static void mergeAcrossSlices(SliceRuns[] slices, int[] offset, UnionFind sets, int z, int h,
            Connectivity c) {
        SliceRuns cur = slices[z];
        SliceRuns prev = slices[z - 1];
        int base = offset[z];
        int prevBase = offset[z - 1];
        // Straight below: an x offset is an edge neighbour, allowed for 18 and 26.
        int straight = c == Connectivity.SIX ? 0 : 1;
        // Rows y +- 1 of the previous slice: edge neighbours (same x) for 18, corners too (x +- 1) for 26.
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

    static void parallel(int n, IntConsumer body) {
        if (n <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        IntStream.range(0, n).parallel().forEach(body);
    }

    @Override
    public int depth() {
        return d;
    }

    @Override
    public int height() {
        return h;
    }

    @Override
    public int width() {
        return w;
    }

    @Override
    public int count() {
        return count;
    }

    /** The label of run {@code k} of slice {@code z} (0 if a size filter dropped its object). */
    int label(int z, int k) {
        return runLabel[offset[z] + k];
    }

    /** The runs of slice {@code z}. */
    SliceRuns slice(int z) {
        return slices[z];
    }

    /** Writes slice {@code z} as a mask into {@code out} ({@code height * width}: 1 inside an object, else 0). */
    public void readMask(int z, byte[] out) {
        Arrays.fill(out, 0, h * w, (byte) 0);
        SliceRuns s = slices[z];
        int base = offset[z];
        for (int y = 0; y < h; y++) {
            for (int k = s.rowStart[y]; k < s.rowStart[y + 1]; k++) {
                if (runLabel[base + k] != 0) {
                    Arrays.fill(out, y * w + s.start[k], y * w + s.end[k], (byte) 1);
                }
            }
        }
    }

    /** Number of runs (a measure of the memory this takes: about 12 bytes per run). */
    public long runs() {
        return offset[d];
    }

    @Override
    public long[] sizes() {
        long[] n = new long[count + 1];
        for (int z = 0; z < d; z++) {
            SliceRuns s = slices[z];
            int base = offset[z];
            for (int k = 0; k < s.count; k++) {
                n[runLabel[base + k]] += s.end[k] - s.start[k];
            }
        }
        long objects = 0;
        for (int l = 1; l <= count; l++) {
            objects += n[l];
        }
        n[0] = (long) d * h * w - objects; // background, and any runs dropped by a size filter
        return n;
    }

    @Override
    public void read(int z0, int y0, int x0, int dd, int hh, int ww, int[] out) {
        Arrays.fill(out, 0, dd * hh * ww, 0);
        int x1 = x0 + ww;
        for (int z = 0; z < dd; z++) {
            SliceRuns s = slices[z0 + z];
            int base = offset[z0 + z];
            for (int y = 0; y < hh; y++) {
                int row = (z * hh + y) * ww - x0;
                for (int k = s.rowStart[y0 + y], e = s.rowStart[y0 + y + 1]; k < e; k++) {
                    int a = Math.max(s.start[k], x0);
                    int b = Math.min(s.end[k], x1);
                    if (a < b) {
                        Arrays.fill(out, row + a, row + b, runLabel[base + k]);
                    }
                }
            }
        }
    }

    /** The labels painted into one array (the volume must fit in one). */
    public LabelVolume toLabelVolume() {
        int[] labels = new int[Math.multiplyExact(Math.multiplyExact(d, h), w)];
        int plane = h * w;
        parallel(d, z -> {
            SliceRuns s = slices[z];
            int base = offset[z];
            for (int y = 0; y < h; y++) {
                int row = z * plane + y * w;
                for (int k = s.rowStart[y]; k < s.rowStart[y + 1]; k++) {
                    Arrays.fill(labels, row + s.start[k], row + s.end[k], runLabel[base + k]);
                }
            }
        });
        return new LabelVolume(d, h, w, labels, count);
    }

    /** Drops objects smaller than {@code minVoxels} and renumbers the rest 1, 2, ... in their old order. */
    public RunLabels withMinSize(long minVoxels) {
        Optional<SmallObjectFilter> filter = SmallObjectFilter.of(count, this::sizes, minVoxels);
        if (filter.isEmpty()) {
            return this;
        }
        int[] relabelled = runLabel.clone();
        filter.get().relabel(relabelled);
        return new RunLabels(d, h, w, slices, offset, relabelled, filter.get().count());
    }
}
