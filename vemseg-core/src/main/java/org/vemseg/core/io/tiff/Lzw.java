package org.vemseg.core.io.tiff;

import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * TIFF's variant of LZW (TIFF 6.0 section 13): codes of 9 to 12 bits, most significant bit first, code
 * 256 clears the table, 257 ends the strip, and the code width grows one code early ("early change"),
 * exactly as libtiff writes and reads it. An instance keeps its tables between calls, so reuse one per
 * thread; instances are not thread-safe.
 */
final class Lzw {

    private static final int CLEAR = 256;
    private static final int EOI = 257;
    private static final int FIRST_CODE = 258;
    private static final int TABLE_SIZE = 4096;
    /** The encoder clears the table when the next free code reaches this (libtiff: CODE_MAX - 1). */
    private static final int ENCODER_LIMIT = TABLE_SIZE - 2;

    // Decoder table: each code is a prefix code plus one byte; its string length and first byte.
    private final int[] prefix = new int[TABLE_SIZE];
    private final byte[] suffix = new byte[TABLE_SIZE];
    private final byte[] first = new byte[TABLE_SIZE];
    private final int[] length = new int[TABLE_SIZE];

    // Encoder hash table (open addressing): key = prefix << 8 | byte, value = code.
    private static final int HASH_SIZE = 1 << 13;
    private final int[] hashKeys = new int[HASH_SIZE];
    private final int[] hashCodes = new int[HASH_SIZE];

    Lzw() {
        for (int i = 0; i < 256; i++) {
            prefix[i] = -1;
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
    }

    /**
     * Decodes {@code src[srcOff, srcOff+srcLen)} into {@code dst[dstOff, dstOff+dstLen)} and returns the
     * number of bytes produced, which is less than {@code dstLen} only if the data ends (end code or end of
     * input) early. Output beyond {@code dstLen} is dropped.
     *
     * @throws DataFormatException if a code refers to a table entry that does not exist yet
     */
    int decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) throws DataFormatException {
        int in = srcOff;
        int inEnd = srcOff + srcLen;
        int out = dstOff;
        int outEnd = dstOff + dstLen;
        long bits = 0;
        int bitCount = 0;
        int width = 9;
        int next = FIRST_CODE;
        int old = -1;
        while (out < outEnd) {
            while (bitCount < width) {
                if (in >= inEnd) {
                    return out - dstOff;
                }
                bits = (bits << 8) | (src[in++] & 0xFF);
                bitCount += 8;
            }
            int code = (int) (bits >>> (bitCount - width)) & ((1 << width) - 1);
            bitCount -= width;
            if (code == EOI) {
                break;
            }
            if (code == CLEAR) {
                width = 9;
                next = FIRST_CODE;
                old = -1;
                continue;
            }
            if (old < 0) {
                if (code > 255) {
                    throw new DataFormatException("LZW code " + code + " follows a table reset");
                }
                dst[out++] = (byte) code;
                old = code;
                continue;
            }
            int emitted;
            byte head;
            if (code < next) {
                emitted = code;
                head = first[code];
            } else if (code == next) {
                // The KwKwK case: the string of the previous code plus its own first byte.
                emitted = old;
                head = first[old];
            } else {
                throw new DataFormatException("LZW code " + code + " is beyond the table (next " + next + ")");
            }
            out = emit(emitted, dst, out, outEnd);
            if (code == next && out < outEnd) {
                dst[out++] = head;
            }
            if (next < TABLE_SIZE) {
                prefix[next] = old;
                suffix[next] = head;
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
                // Early change: the width grows when the next code would need it minus one.
                if (next >= (1 << width) - 1 && width < 12) {
                    width++;
                }
            }
            old = code;
        }
        return out - dstOff;
    }

    /** Writes the string of {@code code} at {@code out} (clipped at {@code outEnd}); returns the new end. */
    private int emit(int code, byte[] dst, int out, int outEnd) {
        int len = length[code];
        int end = out + len;
        int c = code;
        // Strings are stored back to front: skip the part that does not fit.
        for (int p = end - 1; p >= outEnd; p--) {
            c = prefix[c];
        }
        for (int p = Math.min(end, outEnd) - 1; p >= out; p--) {
            dst[p] = suffix[c];
            c = prefix[c];
        }
        return Math.min(end, outEnd);
    }

    /** Largest encoded size of {@code n} input bytes (12-bit codes plus table resets). */
    static int maxEncodedSize(int n) {
        return n + n / 2 + n / 1000 + 16;
    }

    /**
     * Encodes {@code src[off, off+len)} into {@code dst} from index 0 and returns the encoded length;
     * {@code dst} must hold {@link #maxEncodedSize(int)} bytes.
     */
    int encode(byte[] src, int off, int len, byte[] dst) {
        BitWriter w = new BitWriter(dst);
        int width = 9;
        int next = FIRST_CODE;
        Arrays.fill(hashKeys, -1);
        w.put(CLEAR, width);
        if (len == 0) {
            w.put(EOI, width);
            return w.finish();
        }
        int ent = src[off] & 0xFF;
        for (int i = off + 1, end = off + len; i < end; i++) {
            int c = src[i] & 0xFF;
            int key = (ent << 8) | c;
            int h = hash(key);
            while (hashKeys[h] != -1 && hashKeys[h] != key) {
                h = (h + 1) & (HASH_SIZE - 1);
            }
            if (hashKeys[h] == key) {
                ent = hashCodes[h];
                continue;
            }
            w.put(ent, width);
            hashKeys[h] = key;
            hashCodes[h] = next++;
            if (next == ENCODER_LIMIT) {
                w.put(CLEAR, width);
                Arrays.fill(hashKeys, -1);
                next = FIRST_CODE;
                width = 9;
            } else if (next > (1 << width) - 1) {
                width++;
            }
            ent = c;
        }
        w.put(ent, width);
        // The decoder adds one more entry on reading that last code, which may widen the end code.
        next++;
        if (next == ENCODER_LIMIT) {
            w.put(CLEAR, width);
            width = 9;
        } else if (next > (1 << width) - 1) {
            width++;
        }
        w.put(EOI, width);
        return w.finish();
    }

    private static int hash(int key) {
        return (key * 0x9E3779B1 >>> 19) & (HASH_SIZE - 1);
    }

    /** Packs codes most significant bit first. */
    private static final class BitWriter {
        private final byte[] dst;
        private int pos;
        private long bits;
        private int count;

        BitWriter(byte[] dst) {
            this.dst = dst;
        }

        void put(int code, int width) {
            bits = (bits << width) | code;
            count += width;
            while (count >= 8) {
                count -= 8;
                dst[pos++] = (byte) (bits >>> count);
            }
        }

        int finish() {
            if (count > 0) {
                dst[pos++] = (byte) (bits << (8 - count));
                count = 0;
            }
            return pos;
        }
    }
}
