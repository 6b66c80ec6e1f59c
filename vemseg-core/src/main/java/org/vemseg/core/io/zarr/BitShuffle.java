package org.vemseg.core.io.zarr;

/**
 * Undoes Blosc's bit shuffle (the bitshuffle library's bit transpose as used by c-blosc 1.x). The
 * {@code n} elements of a block form an {@code n × 8·typesize} bit matrix; the stored block is its
 * transpose: for each bit {@code k} of an element (byte {@code k / 8}, bit {@code k % 8}, least
 * significant first) a row of {@code n} bits, packed least significant bit first. c-blosc bit-shuffles a
 * block only when {@code n} is a multiple of 8 (the trailing bytes of a partial element are copied);
 * other blocks are stored as they are.
 */
final class BitShuffle {

    private BitShuffle() {
    }

    static void unshuffle(int typesize, byte[] src, int srcOff, int size, byte[] dst, int dstOff) {
        int n = size / typesize;
        if (n % 8 != 0) {
            System.arraycopy(src, srcOff, dst, dstOff, size);
            return;
        }
        int rowBytes = n / 8;
        int done = n * typesize;
        java.util.Arrays.fill(dst, dstOff, dstOff + done, (byte) 0);
        for (int k = 0; k < 8 * typesize; k++) {
            int byteInElement = k >> 3;
            int bit = k & 7;
            int row = srcOff + k * rowBytes;
            for (int g = 0; g < rowBytes; g++) {
                int bits = src[row + g] & 0xFF;
                if (bits == 0) {
                    continue;
                }
                int e = g * 8;
                for (int t = 0; t < 8; t++) {
                    if ((bits & (1 << t)) != 0) {
                        dst[dstOff + (e + t) * typesize + byteInElement] |= (byte) (1 << bit);
                    }
                }
            }
        }
        System.arraycopy(src, srcOff + done, dst, dstOff + done, size - done);
    }
}
