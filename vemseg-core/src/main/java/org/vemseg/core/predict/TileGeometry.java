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
 * <p>Tiles start on a grid of {@code multiple} pixels (the network's total stride): a network that
 * downsamples by 32 gives other results for an input shifted by a distance that is not a multiple of 32,
 * so a tile off that grid would differ from the whole-plane prediction whatever the halo (bench/halo: by
 * up to 195 of 255 levels on 20–42 % of the voxels). The stride between tiles is therefore rounded down to
 * the multiple, which may make the overlap larger than asked for.
 *
 * @param tileHeight input tile height
 * @param tileWidth  input tile width
 * @param halo       margin discarded on each side
 * @param overlap    minimum overlap of neighbouring valid regions
 * @param multiple   tile starts and the stride between tiles are multiples of this
 */
public record TileGeometry(int tileHeight, int tileWidth, int halo, int overlap, int multiple)
        implements Serializable {

    public TileGeometry {
        if (halo < 0 || overlap < 0 || multiple < 1) {
            throw new IllegalArgumentException("halo and overlap must be >= 0 and the multiple >= 1, were " + halo
                    + ", " + overlap + " and " + multiple);
        }
        if (tileHeight - 2 * halo < 1 || tileWidth - 2 * halo < 1) {
            throw new VemsegException.InvalidInput("tile " + tileHeight + " x " + tileWidth
                    + " leaves nothing inside the halo of " + halo + " pixels; use a larger tile");
        }
    }

    /** A geometry for a network that accepts any shift (multiple 1). */
    public TileGeometry(int tileHeight, int tileWidth, int halo, int overlap) {
        this(tileHeight, tileWidth, halo, overlap, 1);
    }

    /** A square tile for a network that accepts any shift; checks that the valid region is larger than the overlap. */
    public static TileGeometry square(int tile, int halo, int overlap) {
        return square(tile, halo, overlap, 1);
    }

    /**
     * A square tile on a grid of {@code multiple}; checks that the valid region exceeds the overlap by at least one
     * multiple, so that tiles advance.
     */
    public static TileGeometry square(int tile, int halo, int overlap, int multiple) {
        TileGeometry g = new TileGeometry(tile, tile, halo, overlap, multiple);
        if (g.strideY() < 1) {
            throw new VemsegException.InvalidInput("tile " + tile + " is too small for a halo of " + halo
                    + " and an overlap of " + overlap + " (tile must be at least 2 x halo + overlap + " + multiple
                    + " = " + (2 * halo + overlap + multiple) + ")");
        }
        return g;
    }

    public int validHeight() {
        return tileHeight - 2 * halo;
    }

    public int validWidth() {
        return tileWidth - 2 * halo;
    }

    /**
     * Distance between the valid regions of neighbouring tiles: the valid height less the overlap, rounded down to
     * the multiple (0 if that leaves nothing).
     */
    public int strideY() {
        return stride(validHeight());
    }

    public int strideX() {
        return stride(validWidth());
    }

    private int stride(int valid) {
        return Math.max(0, valid - overlap) / multiple * multiple;
    }

    /**
     * This geometry for a volume of {@code height x width}: where an axis is shorter than the valid
     * region, the tile shrinks to the smallest multiple of {@code multiple} whose valid region covers
     * the axis (the rest is mirror padding), so small volumes cost little.
     */
    public TileGeometry fitTo(long height, long width, int multiple) {
        int th = fit(tileHeight, height, multiple);
        int tw = fit(tileWidth, width, multiple);
        return th == tileHeight && tw == tileWidth && multiple == this.multiple ? this
                : new TileGeometry(th, tw, halo, overlap, multiple);
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
