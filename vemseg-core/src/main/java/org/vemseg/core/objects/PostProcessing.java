package org.vemseg.core.objects;

import java.util.Locale;
import org.vemseg.core.VemsegException;

/**
 * What is done to a thresholded mask before its objects are measured or scored: first its holes are filled,
 * then its connected objects smaller than {@code minSize} voxels are removed (so an object's size counts its
 * filled holes, as the object table measures it). Both work on runs ({@link RunLabels}), so memory grows with
 * the objects' outlines, not with the volume.
 *
 * @param fillHoles which holes to fill
 * @param minSize objects with fewer voxels are removed (1 or less = none)
 */
public record PostProcessing(HoleFilling fillHoles, long minSize) {

    public PostProcessing {
        if (fillHoles == null) {
            throw new IllegalArgumentException("fillHoles is null; use HoleFilling.NONE");
        }
        if (minSize < 0) {
            throw new VemsegException.InvalidInput("{minSize} must be at least 0 voxels, was " + minSize);
        }
    }

    /** Leaves the mask as thresholded. */
    public static PostProcessing none() {
        return new PostProcessing(HoleFilling.NONE, 1);
    }

    /** Whether this changes nothing. */
    public boolean isNone() {
        return fillHoles == HoleFilling.NONE && minSize <= 1;
    }

    /**
     * A post-processed mask, labelled, and what the steps changed.
     *
     * @param labels the objects left, numbered 1, 2, ... in scan order
     * @param filledVoxels background voxels turned into foreground by hole filling
     * @param removedObjects objects smaller than the minimum size
     * @param removedVoxels their voxels
     */
    public record Result(RunLabels labels, long filledVoxels, int removedObjects, long removedVoxels) {

        /** One line for reports, e.g. {@code "filled 1520 hole voxels; removed 12 objects (3021 voxels) ..."}. */
        public String summary(PostProcessing p) {
            if (p.isNone()) {
                return "no post-processing";
            }
            StringBuilder sb = new StringBuilder();
            if (p.fillHoles() != HoleFilling.NONE) {
                sb.append(String.format(Locale.ROOT, "filled %d hole voxels", filledVoxels));
            }
            if (p.minSize() > 1) {
                sb.append(sb.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                        "removed %d objects (%d voxels) smaller than %d voxels", removedObjects, removedVoxels,
                        p.minSize()));
            }
            return sb.append(String.format(Locale.ROOT, "; %d objects left", labels.count())).toString();
        }
    }

    /**
     * Fills holes in the foreground runs of a volume, labels it and removes small objects.
     *
     * @param connectivity of the objects; the background of holes takes the complementary one
     * @param perSlice label each z slice on its own (see {@link RunLabels#of(Mask, Connectivity, boolean)})
     */
    Result apply(SliceRuns[] foreground, int h, int w, Connectivity connectivity, boolean perSlice) {
        long[] filled = new long[1];
        SliceRuns[] fg = HoleFiller.fill(foreground, h, w, connectivity, fillHoles, filled);
        RunLabels all = RunLabels.of(fg, h, w, connectivity, perSlice);
        RunLabels kept = all.withMinSize(minSize);
        long removedVoxels = 0;
        if (kept != all) {
            long[] sizes = all.sizes();
            for (int l = 1; l < sizes.length; l++) {
                removedVoxels += sizes[l] < minSize ? sizes[l] : 0;
            }
        }
        return new Result(kept, filled[0], all.count() - kept.count(), removedVoxels);
    }

    /** Applies this to a mask held in memory. */
    public Result apply(Mask mask, Connectivity connectivity, boolean perSlice) {
        int d = mask.depth();
        int h = mask.height();
        int w = mask.width();
        SliceRuns[] slices = new SliceRuns[d];
        int plane = h * w;
        RunLabels.parallel(d, z -> slices[z] = SliceRuns.of(mask.voxels(), z * plane, h, w));
        return apply(slices, h, w, connectivity, perSlice);
    }

    /** A copy of {@code mask} with this step's holes filled (for callers that label it their own way). */
    public Mask fillHoles(Mask mask, Connectivity connectivity) {
        return fillHoles == HoleFilling.NONE ? mask : HoleFiller.fill(mask, connectivity, fillHoles);
    }

    /** For reports: {@code "fill holes 2d, min size 1000 voxels"}, or {@code "none"}. */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        String holes = fillHoles == HoleFilling.NONE ? "" : "fill holes " + fillHoles;
        String size = minSize > 1 ? "min size " + minSize + " voxels" : "";
        return holes.isEmpty() || size.isEmpty() ? holes + size : holes + ", " + size;
    }
}
