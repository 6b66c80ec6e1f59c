package org.vemseg.core.objects;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The renumbering that drops objects smaller than a minimum size from labels 1..count and numbers the rest
 * 1, 2, ... in their old order (0 stays background), shared by {@link LabelVolume} and {@link RunLabels}.
 *
 * @param map new label of each old label (index 0..count)
 * @param count objects left
 */
record SmallObjectFilter(int[] map, int count) {

    /**
     * The renumbering, or empty when nothing would be dropped ({@code minVoxels <= 1}, no objects, or all
     * large enough). {@code sizes} (voxels per label, index 0..count) is computed only when needed.
     */
    static Optional<SmallObjectFilter> of(int count, Supplier<long[]> sizes, long minVoxels) {
        if (minVoxels <= 1 || count == 0) {
            return Optional.empty();
        }
        long[] size = sizes.get();
        int[] map = new int[count + 1];
        int next = 0;
        for (int l = 1; l <= count; l++) {
            map[l] = size[l] >= minVoxels ? ++next : 0;
        }
        return next == count ? Optional.empty() : Optional.of(new SmallObjectFilter(map, next));
    }

    /** Replaces each label in {@code labels} by its new number. */
    void relabel(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            labels[i] = map[labels[i]];
        }
    }
}
