package org.vemseg.core.transform;

/**
 * The 8 symmetries of a square acting on the (y, x) plane of an image: rotations by multiples of 90°
 * and mirror images. Each is "optionally transpose, then optionally flip rows (y), then optionally flip
 * columns (x)". Transposing elements swap height and width, so non-square images are fine.
 *
 * <p>Conventions (numpy names, y = row, x = column): {@link #FLIP_X} = {@code fliplr}, {@link #FLIP_Y} =
 * {@code flipud}, {@link #ROT90} = {@code rot90(a, 1)} (counter-clockwise when row 0 is at the top),
 * {@link #TRANSPOSE} = {@code a.T}, {@link #ANTI_TRANSPOSE} = {@code rot90(a, 2).T}.
 *
 * <p>Declaration order matters: every prefix of length 1, 2, 4, 8 is a subgroup (identity; + x flip;
 * + y flip and 180° rotation, which keep the shape; + the four that swap height and width), so
 * averaging test-time augmentations over a prefix is a symmetric average. See
 * {@link GeometricVariant#first(int)}.
 */
public enum Dihedral {
    IDENTITY(false, false, false),
    FLIP_X(false, false, true),
    FLIP_Y(false, true, false),
    ROT180(false, true, true),
    ROT90(true, true, false),
    ROT270(true, false, true),
    TRANSPOSE(true, false, false),
    ANTI_TRANSPOSE(true, true, true);

    private final boolean transpose;
    private final boolean flipY;
    private final boolean flipX;

    Dihedral(boolean transpose, boolean flipY, boolean flipX) {
        this.transpose = transpose;
        this.flipY = flipY;
        this.flipX = flipX;
    }

    /** Whether this element swaps height and width. */
    public boolean swapsAxes() {
        return transpose;
    }

    /**
     * The element that undoes this one. Non-transposing elements are their own inverse; for transposing
     * ones, transpose-then-flip is undone by the transpose with the two flips exchanged.
     */
    public Dihedral inverse() {
        if (!transpose) {
            return this;
        }
        return of(true, flipX, flipY);
    }

    /**
     * The element a random draw {@code flags} in [0, 8) stands for: bit 0 flips x, bit 1 flips y, bit 2
     * transposes first. Augmentation draws its symmetry this way, so a seed keeps meaning the same one.
     */
    public static Dihedral fromFlags(int flags) {
        if (flags < 0 || flags >= 8) {
            throw new IllegalArgumentException("dihedral flags must be in [0, 8) but were " + flags);
        }
        return of((flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
    }

    private static Dihedral of(boolean t, boolean fy, boolean fx) {
        for (Dihedral d : values()) {
            if (d.transpose == t && d.flipY == fy && d.flipX == fx) {
                return d;
            }
        }
        throw new AssertionError("all 8 combinations are declared");
    }

    /** Height of the result when applied to an image of {@code height x width}. */
    public int outHeight(int height, int width) {
        return transpose ? width : height;
    }

    /** Width of the result when applied to an image of {@code height x width}. */
    public int outWidth(int height, int width) {
        return transpose ? height : width;
    }

    /**
     * Like {@link #apply(float[], int, int, int, float[], int)} for a plane of bytes (labels); one index
     * computation per value, as label planes are transformed once per training patch, not per tile.
     */
    public void apply(byte[] src, int srcOff, int height, int width, byte[] dst, int dstOff) {
        int outH = outHeight(height, width);
        int outW = outWidth(height, width);
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                dst[dstOff + i * outW + j] = src[srcOff + sourceIndex(i, j, height, width)];
            }
        }
    }

    /** Row-major index in a {@code height x width} source plane of the value that lands at (i, j). */
    private int sourceIndex(int i, int j, int height, int width) {
        if (!transpose) {
            return (flipY ? height - 1 - i : i) * width + (flipX ? width - 1 - j : j);
        }
        // out[i][j] = in[b][a] as in the float version
        int a = flipY ? width - 1 - i : i;
        int b = flipX ? height - 1 - j : j;
        return b * width + a;
    }

    /**
     * Transforms one plane of {@code height x width} values (row-major, at {@code srcOff}) into
     * {@code dst} at {@code dstOff}, shaped {@link #outHeight} x {@link #outWidth}. The arrays must not
     * overlap. No allocation.
     */
    public void apply(float[] src, int srcOff, int height, int width, float[] dst, int dstOff) {
        if (!transpose) {
            for (int i = 0; i < height; i++) {
                int srow = srcOff + (flipY ? height - 1 - i : i) * width;
                int drow = dstOff + i * width;
                if (!flipX) {
                    System.arraycopy(src, srow, dst, drow, width);
                } else {
                    int last = srow + width - 1;
                    for (int j = 0; j < width; j++) {
                        dst[drow + j] = src[last - j];
                    }
                }
            }
            return;
        }
        // Result is width x height: out[i][j] = in[b][a], a = flipY ? width-1-i : i, b = flipX ? height-1-j : j.
        int outH = width;
        int outW = height;
        for (int i = 0; i < outH; i++) {
            int a = flipY ? outH - 1 - i : i;
            int drow = dstOff + i * outW;
            if (!flipX) {
                for (int j = 0, s = srcOff + a; j < outW; j++, s += width) {
                    dst[drow + j] = src[s];
                }
            } else {
                for (int j = 0, s = srcOff + (height - 1) * width + a; j < outW; j++, s -= width) {
                    dst[drow + j] = src[s];
                }
            }
        }
    }
}
