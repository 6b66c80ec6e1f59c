package org.vemseg.core.predict;

import java.io.Serializable;
import org.vemseg.core.VemsegException;

/**
 * Shape of the 2D tiles a volume is predicted with.
 *
 * <p>A tile is what the network sees: {@code tileHeight x tileWidth} pixels. Its outer {@code halo}
 * pixels on every side are discarded; the rest, {@link #validHeight()} x {@link #validWidth()}, is the
 * tile's <em>valid region</em>. Neighbouring valid regions overlap by at least {@code overlap} pixels,
 * where the outputs are blended (see {@link BlendWeights}).
 *
 * @param tileHeight input tile height
 * @param tileWidth  input tile width
 * @param halo       margin discarded on each side
 * @param overlap    minimum overlap of neighbouring valid regions
 */
public record TileGeometry(int tileHeight, int tileWidth, int halo, int overlap) implements Serializable {

    public TileGeometry {
        if (halo < 0 || overlap < 0) {
            throw new IllegalArgumentException("halo and overlap must be >= 0, were " + halo + " and " + overlap);
        }
        if (tileHeight - 2 * halo < 1 || tileWidth - 2 * halo < 1) {
            throw new VemsegException.InvalidInput("tile " + tileHeight + " x " + tileWidth
                    + " leaves nothing inside the halo of " + halo + " pixels; use a larger tile");
        }
    }

    /** A square tile; checks that the valid region is larger than the overlap. */
    public static TileGeometry square(int tile, int halo, int overlap) {
        TileGeometry g = new TileGeometry(tile, tile, halo, overlap);
        if (g.strideY() < 1) {
            throw new VemsegException.InvalidInput("tile " + tile + " is too small for a halo of " + halo
                    + " and an overlap of " + overlap + " (tile must exceed 2 x halo + overlap = "
                    + (2 * halo + overlap) + ")");
        }
        return g;
    }

    public int validHeight() {
        return tileHeight - 2 * halo;
    }

    public int validWidth() {
        return tileWidth - 2 * halo;
    }

    /** Distance between the valid regions of neighbouring tiles (before the last is shifted inward). */
    public int strideY() {
        return validHeight() - overlap;
    }

    public int strideX() {
        return validWidth() - overlap;
    }

    /**
     * This geometry for a volume of {@code height x width}: where an axis is shorter than the valid
     * region, the tile shrinks to the smallest multiple of {@code multiple} whose valid region covers
     * the axis (the rest is mirror padding), so small volumes cost little.
     */
    public TileGeometry fitTo(long height, long width, int multiple) {
        int th = fit(tileHeight, height, multiple);
        int tw = fit(tileWidth, width, multiple);
        return th == tileHeight && tw == tileWidth ? this : new TileGeometry(th, tw, halo, overlap);
    }

    private int fit(int tile, long axis, int multiple) {
        long needed = axis + 2L * halo;
        if (needed >= tile) {
            return tile;
        }
        long rounded = (needed + multiple - 1) / multiple * multiple;
        return (int) Math.min(tile, rounded);
    }
}
