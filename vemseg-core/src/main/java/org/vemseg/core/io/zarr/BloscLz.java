package org.vemseg.core.io.zarr;

import org.vemseg.core.VemsegException;

/**
 * Decoder for BloscLZ, Blosc's default inner codec: a FastLZ (level 2) style LZ77 byte stream of literal
 * runs and back references. Only decoding is needed (vemseg writes zstd or LZ4 inside Blosc).
 *
 * <p>Stream layout: the first control byte's top 3 bits are a marker and are ignored. A control byte
 * below 32 starts a literal run of {@code ctrl + 1} bytes. Otherwise {@code len = (ctrl >> 5) - 1}
 * (7 means: add following bytes while they are 255), then one distance byte; the match is
 * {@code len + 3} bytes long from distance {@code ((ctrl & 31) << 8) + byte + 1}. A distance byte of
 * 255 with high bits 31 means a far match: two more big-endian bytes give {@code distance - 8192}.
 */
final class BloscLz {

    private static final int MAX_DISTANCE = 8191;

    private BloscLz() {
    }

    /**
     * Decodes {@code length} bytes at {@code in[offset]} into exactly {@code expected} bytes at
     * {@code out[outOffset]}.
     *
     * @throws VemsegException.Corrupt if the stream is truncated, refers outside the output, or does
     *     not produce exactly {@code expected} bytes
     */
    static void decode(byte[] in, int offset, int length, byte[] out, int outOffset, int expected) {
        if (length <= 0) {
            throw corrupt("empty stream");
        }
        int ip = offset;
        int ipEnd = offset + length;
        int op = outOffset;
        int opEnd = outOffset + expected;
        int ctrl = in[ip++] & 31;
        while (true) {
            if (ctrl >= 32) {
                int len = (ctrl >> 5) - 1;
                int ofs = (ctrl & 31) << 8;
                if (len == 6) {
                    int code;
                    do {
                        if (ip >= ipEnd) {
                            throw corrupt("truncated match length");
                        }
                        code = in[ip++] & 0xFF;
                        len += code;
                    } while (code == 255);
                }
                if (ip >= ipEnd) {
                    throw corrupt("truncated match distance");
                }
                int code = in[ip++] & 0xFF;
                int distance = ofs + code + 1;
                if (code == 255 && ofs == (31 << 8)) {
                    if (ip + 2 > ipEnd) {
                        throw corrupt("truncated far distance");
                    }
                    int far = ((in[ip] & 0xFF) << 8) | (in[ip + 1] & 0xFF);
                    ip += 2;
                    distance = far + MAX_DISTANCE + 1;
                }
                len += 3;
                int ref = op - distance;
                if (ref < outOffset) {
                    throw corrupt("match refers before the start of the output");
                }
                if (op + len > opEnd) {
                    throw corrupt("output longer than expected");
                }
                // Byte by byte: a match may overlap the bytes it produces (runs have distance 1).
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++];
                }
            } else {
                int run = ctrl + 1;
                if (op + run > opEnd) {
                    throw corrupt("output longer than expected");
                }
                if (ip + run > ipEnd) {
                    throw corrupt("truncated literal run");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            }
            if (ip >= ipEnd) {
                break;
            }
            ctrl = in[ip++] & 0xFF;
        }
        if (op != opEnd) {
            throw corrupt("decoded " + (op - outOffset) + " bytes, expected " + expected);
        }
    }

    private static VemsegException.Corrupt corrupt(String what) {
        return new VemsegException.Corrupt("blosclz: " + what);
    }
}
