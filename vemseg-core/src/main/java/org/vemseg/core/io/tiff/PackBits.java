package org.vemseg.core.io.tiff;

import java.util.zip.DataFormatException;

/**
 * PackBits run-length coding (TIFF 6.0 section 9, Apple's Macintosh format): a header byte n in 0..127
 * copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times, and -128 is skipped.
 */
final class PackBits {

    private PackBits() {
    }

    /**
     * Decodes into {@code dst[dstOff, dstOff+dstLen)} and returns the number of bytes produced (less than
     * {@code dstLen} if the input ends early).
     *
     * @throws DataFormatException if a literal run is cut off by the end of the input
     */
    static int decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen)
            throws DataFormatException {
        int in = srcOff;
        int inEnd = srcOff + srcLen;
        int out = dstOff;
        int outEnd = dstOff + dstLen;
        while (in < inEnd && out < outEnd) {
            int n = src[in++];
            if (n >= 0) {
                int count = Math.min(n + 1, outEnd - out);
                if (in + count > inEnd) {
                    throw new DataFormatException("PackBits literal run of " + (n + 1) + " bytes is cut off");
                }
                System.arraycopy(src, in, dst, out, count);
                in += n + 1;
                out += count;
            } else if (n != -128) {
                if (in >= inEnd) {
                    throw new DataFormatException("PackBits repeat run has no byte to repeat");
                }
                byte b = src[in++];
                int count = Math.min(1 - n, outEnd - out);
                for (int i = 0; i < count; i++) {
                    dst[out++] = b;
                }
            }
        }
        return out - dstOff;
    }

    /** Largest encoded size of one row of {@code n} bytes. */
    static int maxEncodedSize(int n) {
        return n + (n + 127) / 128;
    }

    /**
     * Encodes one row {@code src[off, off+len)} into {@code dst} at {@code dstOff} and returns the new end
     * in {@code dst}. TIFF packs each row separately, so call this per row.
     */
    static int encodeRow(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int i = off;
        int end = off + len;
        int out = dstOff;
        while (i < end) {
            int run = 1;
            while (i + run < end && run < 128 && src[i + run] == src[i]) {
                run++;
            }
            if (run >= 3) {
                dst[out++] = (byte) (1 - run);
                dst[out++] = src[i];
                i += run;
                continue;
            }
            // A literal run stops where a run of three equal bytes starts, or after 128 bytes.
            int j = i;
            while (j < end && j - i < 128) {
                if (j + 2 < end && src[j] == src[j + 1] && src[j] == src[j + 2]) {
                    break;
                }
                j++;
            }
            dst[out++] = (byte) (j - i - 1);
            System.arraycopy(src, i, dst, out, j - i);
            out += j - i;
            i = j;
        }
        return out;
    }
}
