package org.vemseg.core.objects;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.vemseg.core.VemsegException;

/**
 * Fills the holes of a foreground held as runs: labels the background runs with the connectivity complementary
 * to the foreground's (6 for 18 and 26, 26 for 6, so a hole and the outside never meet through the corners of a
 * wall that holds the foreground together), and turns into foreground every background component that touches
 * no edge of the slice (2D) or no face of the volume (3D). It reuses the run-based labelling, so memory grows
 * with the outlines plus one run per row, never with the voxels.
 */
final class HoleFiller {

    private HoleFiller() {
    }

    /**
     * The foreground runs with holes filled, and how many voxels were filled in {@code filled[0]}.
     *
     * @param connectivity the foreground's connectivity
     */
    static SliceRuns[] fill(SliceRuns[] fg, int h, int w, Connectivity connectivity, HoleFilling mode,
            long[] filled) {
        filled[0] = 0;
        if (mode == HoleFilling.NONE || fg.length == 0) {
            return fg;
        }
        int d = fg.length;
        SliceRuns[] bg = new SliceRuns[d];
        RunLabels.parallel(d, z -> bg[z] = SliceRuns.complement(fg[z], h, w, k -> true));
        long runs = 0;
        for (SliceRuns s : bg) {
            runs += s.count;
        }
        if (runs > Integer.MAX_VALUE - 8) {
            throw new VemsegException.InvalidInput("hole filling: the background has " + runs + " runs, more than one "
                    + "labelling holds (" + (Integer.MAX_VALUE - 8) + "); fill holes in crops of the volume");
        }
        Connectivity background = connectivity == Connectivity.SIX ? Connectivity.TWENTY_SIX : Connectivity.SIX;
        RunLabels labels = RunLabels.of(bg, h, w, background, mode == HoleFilling.SLICE);
        boolean[] open = new boolean[labels.count() + 1];
        for (int z = 0; z < d; z++) {
            SliceRuns s = bg[z];
            boolean face = mode == HoleFilling.VOLUME && (z == 0 || z == d - 1);
            for (int y = 0; y < h; y++) {
                boolean edgeRow = face || y == 0 || y == h - 1;
                for (int k = s.rowStart[y]; k < s.rowStart[y + 1]; k++) {
                    if (edgeRow || s.start[k] == 0 || s.end[k] == w) {
                        open[labels.label(z, k)] = true;
                    }
                }
            }
        }
        filled[0] = IntStream.range(0, d).parallel()
                .mapToLong(z -> bg[z].voxels(k -> !open[labels.label(z, k)])).sum();
        SliceRuns[] out = new SliceRuns[d];
        // The new foreground is everything but the background that reaches the border.
        RunLabels.parallel(d, z -> out[z] = SliceRuns.complement(bg[z], h, w, k -> open[labels.label(z, k)]));
        return out;
    }

    /** A copy of {@code mask} with holes filled. */
    static Mask fill(Mask mask, Connectivity connectivity, HoleFilling mode) {
        int d = mask.depth();
        int h = mask.height();
        int w = mask.width();
        int plane = h * w;
        SliceRuns[] fg = new SliceRuns[d];
        RunLabels.parallel(d, z -> fg[z] = SliceRuns.of(mask.voxels(), z * plane, h, w));
        SliceRuns[] filled = fill(fg, h, w, connectivity, mode, new long[1]);
        byte[] out = new byte[mask.size()];
        RunLabels.parallel(d, z -> {
            SliceRuns s = filled[z];
            for (int y = 0; y < h; y++) {
                for (int k = s.rowStart[y]; k < s.rowStart[y + 1]; k++) {
                    Arrays.fill(out, z * plane + y * w + s.start[k], z * plane + y * w + s.end[k], (byte) 1);
                }
            }
        });
        return new Mask(d, h, w, out);
    }
}
