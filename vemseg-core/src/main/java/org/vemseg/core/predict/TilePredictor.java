package org.vemseg.core.predict;

/**
 * The seam between tiled prediction (engine-independent, in core) and a network (in vemseg-nn): a
 * function from a batch of 2D input tiles with z context to per-pixel class probabilities of the same
 * height and width.
 *
 * <p>Memory layout is flat {@code float[]} in C order, so an implementation can hand the arrays to a
 * tensor library without copying element by element:
 * <ul>
 *   <li>input: {@code [batch][frames()][height][width]}, already normalised (see {@link Normalization});
 *       frame {@code frames()/2} is the slice being predicted, lower indices are lower z;</li>
 *   <li>output: {@code [batch][classes()][height][width]}, probabilities (e.g. after softmax).</li>
 * </ul>
 * The arrays have exactly these lengths. The caller owns both arrays and reuses them between calls;
 * the implementation must not keep references to them.
 *
 * <p>{@code height} and {@code width} are multiples of {@link #sizeMultiple()} but not necessarily equal
 * or at most {@link #maxTile()}: rotated test-time variants of a non-square tile swap them, and
 * small volumes get smaller tiles.
 *
 * <p>Calls come from one thread at a time (the thread running the prediction), so an implementation
 * need not be thread-safe. The caller does not close the predictor; whoever created it does.
 */
public interface TilePredictor {

    /** Number of input slices per tile (1, 3, 5 ...); odd, centred on the predicted slice. */
    int frames();

    /** Number of output channels (classes). */
    int classes();

    /**
     * Largest tile height and width (pixels) this predictor takes, or {@link Integer#MAX_VALUE} (the default) if
     * only memory limits it (see {@link #workingBytesPerPixel()}).
     */
    default int maxTile() {
        return Integer.MAX_VALUE;
    }

    /**
     * Memory (bytes) a network call needs per pixel of each tile beyond the caller's arrays, e.g. the activations an
     * engine keeps until the call ends; 0 if negligible. Tiles are chosen so that a call fits the memory allowed.
     */
    default long workingBytesPerPixel() {
        return 0;
    }

    /**
     * Margin in pixels on each side of a tile whose outputs are unreliable (about half the receptive
     * field): they see the tile's own border instead of the real image. Tiling discards this margin, so
     * a tiled prediction equals a whole-image prediction when the receptive field fits in the halo.
     */
    int halo();

    /** Tile height and width must be multiples of this (e.g. the network's total stride). */
    default int sizeMultiple() {
        return 1;
    }

    /**
     * Predicts {@code batch} tiles.
     *
     * @param input  {@code batch * frames() * height * width} normalised intensities
     * @param batch  number of tiles
     * @param height tile height
     * @param width  tile width
     * @param output receives {@code batch * classes() * height * width} probabilities
     */
    void predict(float[] input, int batch, int height, int width, float[] output);
}
