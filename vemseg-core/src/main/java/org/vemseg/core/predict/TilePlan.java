package org.vemseg.core.predict;

import java.io.Serializable;
import java.util.Arrays;
import org.vemseg.core.VemsegException;

/**
 * Where the tiles of one output region go in the (y, x) plane. The same plan serves every slice of a
 * z-slab, since tiles are 2D.
 *
 * <p>Along each axis, valid regions (see {@link TileGeometry}) start at the region's start rounded down to
 * the geometry's multiple and advance by the stride (a multiple too); the last one is shifted inward, to
 * the first multiple from which it still reaches the region's end, and every tile is full size. So every
 * tile starts on the same grid as a whole plane predicted in one tile, which a strided network needs to
 * give the same result (see {@link TileGeometry}). Valid regions may extend beyond the output region into
 * the neighbouring region (whose voxels are then read as context and computed twice, not written), and
 * the last one beyond the volume's end by less than one multiple, into mirror padding, as the whole plane's
 * single tile does. A volume shorter than one valid region gets one tile starting at 0.
 *
 * <p>A tile's input is its valid region grown by the halo; near the volume border that lies partly
 * outside the volume and is filled by mirroring ({@link Reflect}).
 */
public final class TilePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TileGeometry geometry;
    private final long[] yStarts;
    private final long[] xStarts;

    private TilePlan(TileGeometry geometry, long[] yStarts, long[] xStarts) {
        this.geometry = geometry;
        this.yStarts = yStarts;
        this.xStarts = xStarts;
    }

    /**
     * Tiles covering rows {@code [y0, y1)} and columns {@code [x0, x1)} of a volume plane of
     * {@code height x width}, with a geometry already {@linkplain TileGeometry#fitTo fitted} to it.
     */
    public static TilePlan cover(long height, long width, long y0, long y1, long x0, long x1, TileGeometry g) {
        if (y0 < 0 || y1 > height || y0 >= y1 || x0 < 0 || x1 > width || x0 >= x1) {
            throw new IllegalArgumentException("region [" + y0 + ":" + y1 + ", " + x0 + ":" + x1
                    + "] is not a non-empty part of a " + height + " x " + width + " plane");
        }
        return new TilePlan(g, starts(height, y0, y1, g.validHeight(), g.strideY(), g.multiple()),
                starts(width, x0, x1, g.validWidth(), g.strideX(), g.multiple()));
    }

    /** Tiles covering a whole plane. */
    public static TilePlan cover(long height, long width, TileGeometry g) {
        return cover(height, width, 0, height, 0, width, g);
    }

    /**
     * Valid-region starts along one axis of length {@code n} covering {@code [u0, u1)}, all multiples of
     * {@code multiple} (as {@code stride} must be).
     */
    static long[] starts(long n, long u0, long u1, int valid, int stride, int multiple) {
        if (n <= valid) {
            return new long[] {0};
        }
        long first = Math.floorDiv(u0, multiple) * multiple;
        if (u1 - first > valid && stride < 1) {
            throw new VemsegException.InvalidInput("tile overlap must be smaller than the tile's valid size "
                    + valid + " (tile minus twice the halo) by at least " + multiple);
        }
        // The last start: the first multiple from which a valid region reaches u1 (it may reach past n).
        long lastStart = Math.max(0, Math.floorDiv(u1 - valid + multiple - 1, multiple) * multiple);
        long[] out = new long[8];
        int k = 0;
        for (long s = first;; s += stride) {
            boolean last = s + valid >= u1;
            long c = last ? Math.min(s, lastStart) : s;
            if (k == out.length) {
                out = Arrays.copyOf(out, k * 2);
            }
            out[k++] = c;
            if (last) {
                break;
            }
        }
        return Arrays.copyOf(out, k);
    }

    public TileGeometry geometry() {
        return geometry;
    }

    /** Number of tile rows. */
    public int rows() {
        return yStarts.length;
    }

    /** Number of tile columns. */
    public int columns() {
        return xStarts.length;
    }

    public int tileCount() {
        return yStarts.length * xStarts.length;
    }

    /** First row of the valid region of tile row {@code i} (volume coordinates). */
    public long validY(int i) {
        return yStarts[i];
    }

    /** First column of the valid region of tile column {@code j} (volume coordinates). */
    public long validX(int j) {
        return xStarts[j];
    }

    /** First row of the input of tile row {@code i} (may be negative: mirror padding). */
    public long inputY(int i) {
        return yStarts[i] - geometry.halo();
    }

    /** First column of the input of tile column {@code j} (may be negative: mirror padding). */
    public long inputX(int j) {
        return xStarts[j] - geometry.halo();
    }

    /** First row of the union of all tile inputs. */
    public long inputY0() {
        return inputY(0);
    }

    /** First column of the union of all tile inputs. */
    public long inputX0() {
        return inputX(0);
    }

    /** Height of the union of all tile inputs. */
    public int inputHeight() {
        return (int) (yStarts[yStarts.length - 1] - yStarts[0]) + geometry.tileHeight();
    }

    /** Width of the union of all tile inputs. */
    public int inputWidth() {
        return (int) (xStarts[xStarts.length - 1] - xStarts[0]) + geometry.tileWidth();
    }

    @Override
    public String toString() {
        return "TilePlan " + rows() + " x " + columns() + " tiles of " + geometry.tileHeight() + " x "
                + geometry.tileWidth() + ", y starts " + Arrays.toString(yStarts) + ", x starts "
                + Arrays.toString(xStarts);
    }
}
