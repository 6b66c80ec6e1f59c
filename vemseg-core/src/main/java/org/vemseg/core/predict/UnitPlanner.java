package org.vemseg.core.predict;

import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Chooses the shape of the work units of a prediction so that the units in flight fit a memory
 * budget. Units are aligned to the output's chunk grid, so each unit's output is whole grid blocks.
 *
 * <p>Preferred: whole planes, as many slices per unit as the budget allows (capped so that a volume
 * yields at least three units when it can, which keeps reading, inference and writing overlapping).
 * If even one chunk layer of whole planes is too large, units are cut into bands of chunk rows (and,
 * unless the output is sequential, columns), never narrower than one tile's valid region where the
 * volume allows, since narrower units waste computation on tiles that reach into their neighbours.
 * A sequential output (blocks in grid order) with bands gets units one chunk layer deep, so writing
 * unit after unit stays in grid order.
 */
final class UnitPlanner {

    /** Units in flight at once: one being read, one queued, one predicted (and as many outputs). */
    static final int IN_FLIGHT = 3;

    private final VolumeInfo out;
    private final boolean sequential;
    private final TileGeometry geometry;
    private final int context;
    private final int accumulatedFloats;
    private final int outputBytes;
    private final long budgetBytes;

    UnitPlanner(VolumeInfo out, boolean sequential, TileGeometry geometry, int context, int accumulatedFloats,
            int outputBytes, long budgetBytes) {
        this.out = out;
        this.sequential = sequential;
        this.geometry = geometry;
        this.context = context;
        this.accumulatedFloats = accumulatedFloats;
        this.outputBytes = outputBytes;
        this.budgetBytes = budgetBytes;
    }

    /** Estimated bytes of {@link #IN_FLIGHT} units of the given shape. */
    long cost(long uz, long uy, long ux) {
        long input = 4L * (uz + 2L * context) * inputExtent(uy, geometry.validHeight(), out.height())
                * inputExtent(ux, geometry.validWidth(), out.width());
        long output = uz * uy * ux * (4L * accumulatedFloats + outputBytes);
        return IN_FLIGHT * (input + output) + 4L * uy * ux;
    }

    /**
     * The extent of a unit's input along an axis of {@code n} for a unit {@code u} long: its tiles' valid regions
     * grown by the halo, at most the whole plane's input (the plane and its border, rounded up to the multiple).
     */
    private long inputExtent(long u, int valid, long n) {
        long whole = roundUp(n + 2L * geometry.border(), geometry.multiple());
        return Math.min(Math.max(u, valid) + 2L * geometry.halo(), whole);
    }

    /**
     * The narrowest unit along an axis of {@code n} with chunks {@code c} long: one tile's valid region rounded up
     * to chunks, or the whole axis where one tile covers it.
     */
    private static long minExtent(int valid, long n, long c) {
        return valid < 1 ? n : Math.min(n, roundUp(valid, c));
    }

    /** Whether the smallest unit allowed (one chunk layer, one tile's valid region wide) fits the budget. */
    boolean fits() {
        return minimumCost() <= budgetBytes;
    }

    /** Estimated bytes of the smallest units allowed, {@link #IN_FLIGHT} of them. */
    long minimumCost() {
        int[] c = out.chunk();
        long cy = Math.min(c[1], out.height());
        long cx = Math.min(c[2], out.width());
        long minY = minExtent(geometry.validHeight(), out.height(), cy);
        long minX = sequential ? out.width() : minExtent(geometry.validWidth(), out.width(), cx);
        return cost(Math.min(c[0], out.depth()), minY, minX);
    }

    BlockGrid units() {
        int[] c = out.chunk();
        long cz = Math.min(c[0], out.depth());
        long cy = Math.min(c[1], out.height());
        long cx = Math.min(c[2], out.width());
        long uy = out.height();
        long ux = out.width();
        long minY = minExtent(geometry.validHeight(), out.height(), cy);
        long minX = minExtent(geometry.validWidth(), out.width(), cx);
        while (uy > minY && cost(cz, uy, ux) > budgetBytes) {
            uy = Math.max(minY, roundUp(uy / 2, cy));
        }
        while (!sequential && ux > minX && cost(cz, uy, ux) > budgetBytes) {
            ux = Math.max(minX, roundUp(ux / 2, cx));
        }
        long uz = cz;
        boolean banded = uy < out.height() || ux < out.width();
        if (!(sequential && banded)) {
            long cap = Math.max(cz, Math.min(roundUp(64, cz), roundUp((out.depth() + 2) / 3, cz)));
            while (uz + cz <= cap && cost(uz + cz, uy, ux) <= budgetBytes) {
                uz += cz;
            }
        }
        return new BlockGrid(out.bounds(), new int[] {(int) uz, (int) uy, (int) ux});
    }

    private static long roundUp(long v, long multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
