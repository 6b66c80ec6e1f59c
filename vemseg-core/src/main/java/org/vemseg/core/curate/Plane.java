package org.vemseg.core.curate;

import java.util.Locale;
import org.vemseg.core.volume.Box;

/**
 * A slicing direction of a volume. A plane orientation turns the volume into a stack of 2D images:
 * the stack runs along the {@link #fixedAxis()}, and each image has rows along {@link #rowAxis()} and
 * columns along {@link #colAxis()} (axes 0 = z, 1 = y, 2 = x).
 */
public enum Plane {
    /** Ordinary slices: fixed z, rows y, columns x. */
    XY(0, 1, 2),
    /** Fixed y, rows z, columns x. */
    XZ(1, 0, 2),
    /** Fixed x, rows z, columns y. */
    YZ(2, 0, 1);

    private final int fixed;
    private final int row;
    private final int col;

    Plane(int fixed, int row, int col) {
        this.fixed = fixed;
        this.row = row;
        this.col = col;
    }

    public int fixedAxis() {
        return fixed;
    }

    public int rowAxis() {
        return row;
    }

    public int colAxis() {
        return col;
    }

    /**
     * The volume box covering planes {@code [p0, p0 + pn)}, rows {@code [r0, r0 + rn)} and columns
     * {@code [c0, c0 + cn)}.
     */
    public Box box(long p0, long pn, long r0, long rn, long c0, long cn) {
        long[] min = new long[3];
        long[] size = new long[3];
        min[fixed] = p0;
        size[fixed] = pn;
        min[row] = r0;
        size[row] = rn;
        min[col] = c0;
        size[col] = cn;
        return Box.of(min, size);
    }

    /** The (z, y, x) voxel of plane {@code p}, row {@code r}, column {@code c}. */
    public long[] voxel(long p, long r, long c) {
        long[] v = new long[3];
        v[fixed] = p;
        v[row] = r;
        v[col] = c;
        return v;
    }

    /** {@code "xy"}, {@code "xz"}, {@code "yz"}: the name in the manifest. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
