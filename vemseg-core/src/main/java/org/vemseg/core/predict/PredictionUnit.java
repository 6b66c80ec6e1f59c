package org.vemseg.core.predict;

import java.util.List;
import org.vemseg.core.volume.Box;

/**
 * One work unit of a tiled prediction: an output box aligned to the output's chunk grid (a z-slab,
 * possibly cut in y and x for very wide planes), the tiles covering it, and the grid blocks of it that
 * still have to be written.
 */
record PredictionUnit(Box box, TilePlan plan, List<Box> blocks) {
}
