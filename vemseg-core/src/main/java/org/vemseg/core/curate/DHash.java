package org.vemseg.core.curate;

/**
 * The 64-bit difference hash (dHash) of a grayscale patch: the patch is shrunk by area averaging to 9
 * columns by 8 rows, and bit {@code 8 * row + col} is set when cell {@code (row, col)} is darker than its
 * right neighbour {@code (row, col + 1)}. Bit 63 is row 7, col 7.
 *
 * <p>Why dHash: it depends only on the sign of brightness differences between neighbouring eighths of
 * the patch, so it is unchanged by brightness and contrast shifts, and it moves by only a few bits when
 * the patch is shifted by a few pixels, re-compressed or slightly noisier, because each cell averages
 * hundreds of pixels. Distinct patches differ in about half of the bits.
 */
public final class DHash {

    /** Columns of the shrunken image (one more than the comparisons per row). */
    static final int COLS = 9;
    /** Rows of the shrunken image. */
    static final int ROWS = 8;

    private DHash() {
    }

    /**
     * The hash of a {@code height x width} 8-bit patch stored row by row (unsigned bytes).
     *
     * @throws IllegalArgumentException if the patch is smaller than 9 x 8 or the array does not match
     */
    public static long of(byte[] pixels, int height, int width) {
        if (height < ROWS || width < COLS || pixels.length != height * width) {
            throw new IllegalArgumentException("dHash needs a patch of at least 8 rows x 9 columns stored in "
                    + height + "*" + width + " bytes, got " + height + " x " + width + " in " + pixels.length);
        }
        double[] cells = shrink(pixels, height, width);
        long hash = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS - 1; c++) {
                if (cells[r * COLS + c] < cells[r * COLS + c + 1]) {
                    hash |= 1L << (r * (COLS - 1) + c);
                }
            }
        }
        return hash;
    }

    /** Number of differing bits. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** 16 lower-case hex digits, as in the manifest. */
    public static String hex(long hash) {
        return String.format("%016x", hash);
    }

    /**
     * Area-averaging resize to 9 x 8: each output cell is the mean of the input pixels it covers, with
     * fractional weights for pixels cut by a cell border (exact box filter, no aliasing).
     */
    static double[] shrink(byte[] pixels, int height, int width) {
        double[] colSums = new double[height * COLS];
        double[] wx = new double[width * 2];
        int[] cx = new int[width];
        weights(width, COLS, cx, wx);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int out = y * COLS;
            for (int x = 0; x < width; x++) {
                int v = pixels[row + x] & 0xFF;
                colSums[out + cx[x]] += v * wx[2 * x];
                if (wx[2 * x + 1] > 0) {
                    colSums[out + cx[x] + 1] += v * wx[2 * x + 1];
                }
            }
        }
        double[] wy = new double[height * 2];
        int[] cy = new int[height];
        weights(height, ROWS, cy, wy);
        double[] cells = new double[ROWS * COLS];
        for (int y = 0; y < height; y++) {
            for (int c = 0; c < COLS; c++) {
                double v = colSums[y * COLS + c];
                cells[cy[y] * COLS + c] += v * wy[2 * y];
                if (wy[2 * y + 1] > 0) {
                    cells[(cy[y] + 1) * COLS + c] += v * wy[2 * y + 1];
                }
            }
        }
        return cells; // sums over equal areas: proportional to means, which is all the comparisons need
    }

    /**
     * For each of {@code n} input pixels, the first output cell it falls in ({@code cell[i]}) and the
     * parts of it in that cell and the next ({@code w[2i], w[2i+1]}); cell borders are at multiples of
     * {@code n / cells}.
     */
    private static void weights(int n, int cells, int[] cell, double[] w) {
        double scale = (double) cells / n;
        for (int i = 0; i < n; i++) {
            double a = i * scale;
            double b = (i + 1) * scale;
            int c = Math.min((int) Math.floor(a), cells - 1);
            double border = c + 1;
            if (b > border + 1e-12 && c + 1 < cells) {
                cell[i] = c;
                w[2 * i] = (border - a) / scale;
                w[2 * i + 1] = (b - border) / scale;
            } else {
                cell[i] = c;
                w[2 * i] = 1;
                w[2 * i + 1] = 0;
            }
        }
    }
}
