package org.vemseg.core.predict;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where the tiles of one output region go in the (y, x) plane. The same plan serves every slice of a
 * z-slab, since tiles are 2D.
 *
 * <p>Along each axis the tiles are placed by {@link TileAxis}: inputs on the grid of the whole plane's input
 * (which starts {@code border} pixels before the volume), advancing by the stride, the last shifted inward, every
 * tile full size and inside the whole plane's input. So a tile sees the same sampling phase, the same content
 * (mirror padding included) and the same edges as the whole plane predicted in one call, and its valid region,
 * where it is trusted, gives the same result. Valid regions may extend beyond the output region into the
 * neighbouring region (whose voxels are then read as context and computed twice, not written).
 *
 * <p>A tile's input lies partly outside the volume near its edges; that part is filled by mirroring
 * ({@link Reflect}).
 */
public final class TilePlan implements Serializable {

    private static final long serialVersionUID = 2L;

    private final TileGeometry geometry;
    private final TileAxis rowAxis;
    private final TileAxis columnAxis;
    /** Input starts of the tile rows and columns (volume coordinates, negative in the mirror padding). */
    private final long[] yInputs;
    private final long[] xInputs;

    private TilePlan(TileGeometry geometry, TileAxis rowAxis, TileAxis columnAxis, long[] yInputs, long[] xInputs) {
        this.geometry = geometry;
        this.rowAxis = rowAxis;
        this.columnAxis = columnAxis;
        this.yInputs = yInputs;
        this.xInputs = xInputs;
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
        TileAxis rows = TileAxis.rows(height, g);
        TileAxis columns = TileAxis.columns(width, g);
        return new TilePlan(g, rows, columns, rows.starts(y0, y1, g.strideY()), columns.starts(x0, x1, g.strideX()));
    }

    /** Tiles covering a whole plane. */
    public static TilePlan cover(long height, long width, TileGeometry g) {
        return cover(height, width, 0, height, 0, width, g);
    }

    public TileGeometry geometry() {
        return geometry;
    }

    /** Number of tile rows. */
    public int rows() {
        return yInputs.length;
    }

    /** Number of tile columns. */
    public int columns() {
        return xInputs.length;
    }

    public int tileCount() {
        return yInputs.length * xInputs.length;
    }

    /** First row of the valid region of tile row {@code i} (volume coordinates). */
    public long validY(int i) {
        return rowAxis.validStart(yInputs[i]);
    }

    /** Rows of the valid region of tile row {@code i}. */
    public int validHeight(int i) {
        return (int) (rowAxis.validEnd(yInputs[i]) - validY(i));
    }

    /** First column of the valid region of tile column {@code j} (volume coordinates). */
    public long validX(int j) {
        return columnAxis.validStart(xInputs[j]);
    }

    /** Columns of the valid region of tile column {@code j}. */
    public int validWidth(int j) {
        return (int) (columnAxis.validEnd(xInputs[j]) - validX(j));
    }

    /** First row of the input of tile row {@code i} (may be negative: mirror padding). */
    public long inputY(int i) {
        return yInputs[i];
    }

    /** First column of the input of tile column {@code j} (may be negative: mirror padding). */
    public long inputX(int j) {
        return xInputs[j];
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
        return (int) (yInputs[yInputs.length - 1] - yInputs[0]) + geometry.tileHeight();
    }

    /** Width of the union of all tile inputs. */
    public int inputWidth() {
        return (int) (xInputs[xInputs.length - 1] - xInputs[0]) + geometry.tileWidth();
    }

    @Override
    public String toString() {
        return "TilePlan " + rows() + " x " + columns() + " tiles of " + geometry.tileHeight() + " x "
                + geometry.tileWidth() + ", inputs at y " + Arrays.toString(yInputs) + ", x "
                + Arrays.toString(xInputs);
    }
}
