package org.vemseg.core.io.tiff;

import java.nio.ByteOrder;

/**
 * Undoes the TIFF predictors after decompression, in place, row by row (a row is a strip's image width
 * or a tile's width).
 *
 * <ul>
 * <li>Horizontal differencing (Predictor 2, TIFF 6.0 section 14): each sample is stored as the difference
 * to its left neighbour, with integer wrap-around at the sample width.
 * <li>Floating point (Predictor 3, Adobe Photoshop TIFF technical note 3): each row's bytes are split
 * into planes, most significant byte first, and then differenced byte-wise. After decoding, the samples
 * are big-endian whatever the file's byte order.
 * </ul>
 */
final class Predictors {

    private Predictors() {
    }

    /** Undoes horizontal differencing of {@code rows} rows of {@code n} samples of {@code bytes} bytes. */
    static void undoHorizontal(byte[] b, int off, int rows, int n, int bytes, ByteOrder order) {
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        int rowBytes = n * bytes;
        for (int r = 0; r < rows; r++) {
            int start = off + r * rowBytes;
            switch (bytes) {
                case 1 -> {
                    for (int i = start + 1, end = start + rowBytes; i < end; i++) {
                        b[i] += b[i - 1];
                    }
                }
                case 2 -> {
                    int prev = get16(b, start, little);
                    for (int i = start + 2, end = start + rowBytes; i < end; i += 2) {
                        prev += get16(b, i, little);
                        put16(b, i, prev, little);
                    }
                }
                case 4 -> {
                    int prev = get32(b, start, little);
                    for (int i = start + 4, end = start + rowBytes; i < end; i += 4) {
                        prev += get32(b, i, little);
                        put32(b, i, prev, little);
                    }
                }
                case 8 -> {
                    long prev = get64(b, start, little);
                    for (int i = start + 8, end = start + rowBytes; i < end; i += 8) {
                        prev += get64(b, i, little);
                        put64(b, i, prev, little);
                    }
                }
                default -> throw new IllegalArgumentException("no predictor for " + bytes + "-byte samples");
            }
        }
    }

    /**
     * Undoes the floating-point predictor for {@code rows} rows of {@code n} samples of {@code bytes} bytes;
     * {@code tmp} must hold one row. The result is big-endian.
     */
    static void undoFloatingPoint(byte[] b, int off, int rows, int n, int bytes, byte[] tmp) {
        int rowBytes = n * bytes;
        for (int r = 0; r < rows; r++) {
            int start = off + r * rowBytes;
            for (int i = start + 1, end = start + rowBytes; i < end; i++) {
                b[i] += b[i - 1];
            }
            for (int plane = 0; plane < bytes; plane++) {
                int from = start + plane * n;
                for (int i = 0; i < n; i++) {
                    tmp[i * bytes + plane] = b[from + i];
                }
            }
            System.arraycopy(tmp, 0, b, start, rowBytes);
        }
    }

    private static int get16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static void put16(byte[] b, int i, int v, boolean little) {
        if (little) {
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >>> 8);
        } else {
            b[i] = (byte) (v >>> 8);
            b[i + 1] = (byte) v;
        }
    }

    private static int get32(byte[] b, int i, boolean little) {
        return little ? get16(b, i, true) | get16(b, i + 2, true) << 16
                : get16(b, i, false) << 16 | get16(b, i + 2, false);
    }

    private static void put32(byte[] b, int i, int v, boolean little) {
        if (little) {
            put16(b, i, v, true);
            put16(b, i + 2, v >>> 16, true);
        } else {
            put16(b, i, v >>> 16, false);
            put16(b, i + 2, v, false);
        }
    }

    private static long get64(byte[] b, int i, boolean little) {
        long lo = get32(b, little ? i : i + 4, little) & 0xFFFFFFFFL;
        long hi = get32(b, little ? i + 4 : i, little) & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }

    private static void put64(byte[] b, int i, long v, boolean little) {
        put32(b, little ? i : i + 4, (int) v, little);
        put32(b, little ? i + 4 : i, (int) (v >>> 32), little);
    }
}
