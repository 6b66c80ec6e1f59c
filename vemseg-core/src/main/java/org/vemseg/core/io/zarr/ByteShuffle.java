package org.vemseg.core.io.zarr;

/**
 * Blosc's byte shuffle: the bytes of {@code n} elements of {@code typesize} bytes are regrouped so that
 * all first bytes come first, then all second bytes, and so on, which makes slowly varying multi-byte
 * values far more compressible. Trailing bytes that do not fill a whole element stay in place.
 */
final class ByteShuffle {

    private ByteShuffle() {
    }

    /** Shuffles {@code size} bytes from {@code src[srcOff]} into {@code dst[dstOff]}. */
    static void shuffle(int typesize, byte[] src, int srcOff, int size, byte[] dst, int dstOff) {
        int n = size / typesize;
        for (int j = 0; j < typesize; j++) {
            int out = dstOff + j * n;
            for (int i = 0; i < n; i++) {
                dst[out + i] = src[srcOff + i * typesize + j];
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, size - done);
    }

    /** Undoes {@link #shuffle}. */
    static void unshuffle(int typesize, byte[] src, int srcOff, int size, byte[] dst, int dstOff) {
        int n = size / typesize;
        for (int j = 0; j < typesize; j++) {
            int in = srcOff + j * n;
            for (int i = 0; i < n; i++) {
                dst[dstOff + i * typesize + j] = src[in + i];
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, size - done);
    }
}
