package org.vemseg.core.io.tiff;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses TIFF strips and tiles for one reading thread, keeping its Deflate and LZW state from segment
 * to segment. {@link #release()} frees the native Deflate state.
 */
final class SegmentDecoder {

    private Inflater inflater;
    private Lzw lzw;

    /**
     * Decodes at most {@code need} bytes of {@code stored} compressed bytes into {@code decoded}.
     *
     * @return how many bytes were produced; fewer than {@code need} when the data ends early
     */
    int decode(TiffCompression c, byte[] compressed, int stored, byte[] decoded, int need)
            throws DataFormatException {
        switch (c) {
            case DEFLATE -> {
                if (inflater == null) {
                    inflater = new Inflater();
                }
                inflater.reset();
                inflater.setInput(compressed, 0, stored);
                int produced = 0;
                while (produced < need) {
                    int n = inflater.inflate(decoded, produced, need - produced);
                    produced += n;
                    if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                }
                return produced;
            }
            case LZW -> {
                if (lzw == null) {
                    lzw = new Lzw();
                }
                return lzw.decode(compressed, 0, stored, decoded, 0, need);
            }
            case PACKBITS -> {
                return PackBits.decode(compressed, 0, stored, decoded, 0, need);
            }
            default -> throw new IllegalStateException("not a compressed segment: " + c);
        }
    }

    /** Frees the native Deflate state, if any. */
    void release() {
        if (inflater != null) {
            inflater.end();
        }
    }
}
