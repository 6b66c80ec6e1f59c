package org.vemseg.core.curate;

/**
 * The 64-bit difference hash (dHash) of a grayscale patch: the patch is shrunk by (tent-weighted) area
 * averaging to 9 columns by 8 rows, and bit {@code 8 * row + col} is set when cell {@code (row, col)} is darker
 * than its right neighbour {@code (row, col + 1)}. Bit 63 is row 7, col 7.
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
     * Resize to 9 x 8: each output cell is the weighted mean of the input pixels under a triangular (tent)
     * window centred on the cell and reaching the centres of its neighbours, so neighbouring cells overlap
     * by half. Why not plain box averaging: with hard cell borders a membrane crossing a border moves its
     * whole weight from one cell to the next under a 2-pixel shift; measured on synthetic EM, 2-pixel
     * shifts then changed up to 23 bits, with the tent at most 8 (CDeep3M SBEM: 15 and 11), while distinct
     * patches stay 16 bits or more apart either way.
     */
    static double[] shrink(byte[] pixels, int height, int width) {
        double[][] wx = tent(width, COLS);
        double[][] wy = tent(height, ROWS);
        double[] colMeans = new double[height * COLS];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int c = 0; c < COLS; c++) {
                double[] w = wx[c];
                int first = (int) w[0];
                double sum = 0;
                for (int k = 2; k < w.length; k++) {
                    sum += w[k] * (pixels[row + first + k - 2] & 0xFF);
                }
                colMeans[y * COLS + c] = sum / w[1];
            }
        }
        double[] cells = new double[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            double[] w = wy[r];
            int first = (int) w[0];
            for (int c = 0; c < COLS; c++) {
                double sum = 0;
                for (int k = 2; k < w.length; k++) {
                    sum += w[k] * colMeans[(first + k - 2) * COLS + c];
                }
                cells[r * COLS + c] = sum / w[1];
            }
        }
        return cells;
    }

    /**
     * Tent weights of {@code cells} cells over {@code n} pixels: for each cell {@code {first pixel, weight
     * sum, weights...}}. Cell {@code c} is centred at {@code (c + 0.5) * n / cells}; windows are cut at the
     * image border, and the weight sum normalises them to means.
     */
    private static double[][] tent(int n, int cells) {
        double step = (double) n / cells;
        double[][] out = new double[cells][];
        for (int c = 0; c < cells; c++) {
            double centre = (c + 0.5) * step;
            int first = Math.max(0, (int) Math.floor(centre - step));
            int last = Math.min(n - 1, (int) Math.ceil(centre + step));
            double[] w = new double[last - first + 3];
            w[0] = first;
            for (int i = first; i <= last; i++) {
                double v = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / step);
                w[i - first + 2] = v;
                w[1] += v;
            }
            out[c] = w;
        }
        return out;
    }
}
