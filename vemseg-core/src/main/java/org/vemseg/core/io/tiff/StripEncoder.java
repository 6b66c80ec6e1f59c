package org.vemseg.core.io.tiff;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses the strips of one TIFF being written, with one compression, reusing its output buffer and
 * codec state from strip to strip. Not thread-safe; the writer is sequential.
 */
final class StripEncoder {

    private final TiffCompression compression;
    private byte[] encoded = new byte[0];
    private Deflater deflater;
    private Lzw lzw;

    StripEncoder(TiffCompression compression) {
        this.compression = compression;
    }

    /**
     * Compresses one strip of {@code rows} rows held in {@code raw} (a heap buffer). The result wraps this
     * encoder's buffer and is valid until the next call.
     */
    ByteBuffer encode(ByteBuffer raw, int rows) {
        byte[] src = raw.array();
        int off = raw.arrayOffset() + raw.position();
        int len = raw.remaining();
        switch (compression) {
            case DEFLATE -> {
                if (deflater == null) {
                    deflater = new Deflater(6);
                }
                deflater.reset();
                deflater.setInput(src, off, len);
                deflater.finish();
                ensureEncoded(len + len / 1000 + 64);
                int n = 0;
                while (!deflater.finished()) {
                    if (n == encoded.length) {
                        byte[] bigger = new byte[encoded.length * 2];
                        System.arraycopy(encoded, 0, bigger, 0, n);
                        encoded = bigger;
                    }
                    n += deflater.deflate(encoded, n, encoded.length - n);
                }
                return ByteBuffer.wrap(encoded, 0, n);
            }
            case LZW -> {
                if (lzw == null) {
                    lzw = new Lzw();
                }
                ensureEncoded(Lzw.maxEncodedSize(len));
                return ByteBuffer.wrap(encoded, 0, lzw.encode(src, off, len, encoded));
            }
            case PACKBITS -> {
                int rowBytes = len / rows;
                ensureEncoded(rows * PackBits.maxEncodedSize(rowBytes));
                int n = 0;
                for (int r = 0; r < rows; r++) {
                    n = PackBits.encodeRow(src, off + r * rowBytes, rowBytes, encoded, n);
                }
                return ByteBuffer.wrap(encoded, 0, n);
            }
            default -> throw new IllegalStateException("not a compression: " + compression);
        }
    }

    private void ensureEncoded(int n) {
        if (encoded.length < n) {
            encoded = new byte[n];
        }
    }
}
