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
 * <p>At the volume's edges the input is mirror padded by {@code border} pixels only (at most the halo): a plane
 * of {@code n} pixels predicted whole is one input covering {@code [-border, E)}, {@code E = roundUp(n + 2 border,
 * multiple) - border}, and a tile whose input starts at {@code -border} (or ends at {@code E}) is trusted up to the
 * volume's edge, since there it sees exactly what the whole plane's input shows (see {@link TileAxis}). Networks
 * are trained on crops whose edges they see zero padded, so a narrow border costs little accuracy and saves the
 * computation of the mirrored margin.
 *
 * <p>Tiles start on a grid of {@code multiple} pixels (the network's total stride), the grid of the whole plane's
 * input: a network that downsamples by 32 gives other results for an input shifted by a distance that is not a
 * multiple of 32, so a tile off that grid would differ from the whole-plane prediction whatever the halo
 * (bench/halo: by up to 195 of 255 levels on 20–42 % of the voxels). The stride between tiles is therefore rounded
 * down to the multiple, which may make the overlap larger than asked for.
 *
 * <p>A tile fitted to cover an axis alone ({@link #fitTo}) may be narrower than twice the halo: along that axis
 * there is no seam, and its valid region is the whole axis.
 *
 * @param tileHeight input tile height, a multiple of {@code multiple}
 * @param tileWidth  input tile width, a multiple of {@code multiple}
 * @param halo       margin discarded on each side between tiles
 * @param overlap    minimum overlap of neighbouring valid regions
 * @param multiple   tile starts and the stride between tiles are multiples of this
 * @param border     mirror padding at the volume's edges, 0 to {@code halo}
 */
public record TileGeometry(int tileHeight, int tileWidth, int halo, int overlap, int multiple, int border)
        implements Serializable {

    public TileGeometry {
        if (halo < 0 || overlap < 0 || multiple < 1 || border < 0 || border > halo) {
            throw new IllegalArgumentException("halo and overlap must be >= 0, the multiple >= 1 and the border "
                    + "between 0 and the halo, were " + halo + ", " + overlap + ", " + multiple + " and " + border);
        }
        if (tileHeight < 1 || tileWidth < 1 || tileHeight % multiple != 0 || tileWidth % multiple != 0) {
            throw new IllegalArgumentException("tile " + tileHeight + " x " + tileWidth + " is not a positive "
                    + "multiple of " + multiple);
        }
    }

    /** A geometry with mirror padding as wide as the halo at the volume's edges. */
    public TileGeometry(int tileHeight, int tileWidth, int halo, int overlap, int multiple) {
        this(tileHeight, tileWidth, halo, overlap, multiple, halo);
    }

    /** A geometry for a network that accepts any shift (multiple 1), border as wide as the halo. */
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
        if (tile - 2 * halo < 1) {
            throw new VemsegException.InvalidInput("tile " + tile + " x " + tile + " leaves nothing inside the halo of "
                    + halo + " pixels; use a larger tile");
        }
        TileGeometry g = new TileGeometry(tile, tile, halo, overlap, multiple);
        if (g.strideY() < 1) {
            throw new VemsegException.InvalidInput("tile " + tile + " is too small for a halo of " + halo
                    + " and an overlap of " + overlap + " (tile must be at least 2 x halo + overlap + " + multiple
                    + " = " + (2 * halo + overlap + multiple) + ")");
        }
        return g;
    }

    /** This geometry with {@code pixels} of mirror padding at the volume's edges (0 to the halo). */
    public TileGeometry withBorder(int pixels) {
        return pixels == border ? this : new TileGeometry(tileHeight, tileWidth, halo, overlap, multiple, pixels);
    }

    /** The valid height of a tile between others (it may be below 1 for a tile {@linkplain #fitTo fitted} alone). */
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
     * This geometry for a volume of {@code height x width}: where one tile covers an axis with its border of
     * mirror padding on both sides, the tile shrinks to the smallest multiple of {@code multiple} that does, the
     * whole plane's input along that axis, so small volumes cost little.
     */
    public TileGeometry fitTo(long height, long width, int multiple) {
        int th = fit(tileHeight, height, multiple);
        int tw = fit(tileWidth, width, multiple);
        return th == tileHeight && tw == tileWidth && multiple == this.multiple ? this
                : new TileGeometry(th, tw, halo, overlap, multiple, border);
    }

    private int fit(int tile, long axis, int multiple) {
        long needed = axis + 2L * border;
        if (needed >= tile) {
            return tile;
        }
        long rounded = (needed + multiple - 1) / multiple * multiple;
        return (int) Math.min(tile, rounded);
    }
}
