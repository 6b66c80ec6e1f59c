package org.vemseg.core.predict;

import java.io.Serializable;
import java.util.List;
import org.vemseg.core.volume.Box;

/**
 * One independent work unit of a tiled prediction: an output box aligned to the output's chunk grid (a z-slab,
 * possibly cut in y and x for very wide planes), the tiles covering it, the input it reads, and the grid blocks of
 * it to write. Units do not depend on each other: they may run in any order, on any machine.
 *
 * @param box      the output voxels the unit predicts
 * @param plan     the tiles covering the box
 * @param inputBox the input voxels read: the box grown by the z context and the tiles' halo, clipped to the
 *                 volume (the rest is mirror padding)
 * @param blocks   the output grid blocks inside the box to write (fewer than all when resuming)
 */
public record PredictionUnit(Box box, TilePlan plan, Box inputBox, List<Box> blocks) implements Serializable {

    public PredictionUnit {
        blocks = List.copyOf(blocks);
    }

    /** This unit writing only {@code pending} of its blocks. */
    PredictionUnit withBlocks(List<Box> pending) {
        return new PredictionUnit(box, plan, inputBox, pending);
    }
}
