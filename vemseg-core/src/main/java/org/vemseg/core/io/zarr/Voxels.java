package org.vemseg.core.io.zarr;

import org.vemseg.core.volume.Block;

/** Typed bulk reads of a block's voxels as doubles (faster than {@link Block#get} per voxel). */
final class Voxels {

    private Voxels() {
    }

    /** Copies {@code len} voxels from flat index {@code from} into {@code dst}, unsigned types masked. */
    static void row(Block b, int from, int len, double[] dst) {
        switch (b.type()) {
            case UINT8 -> {
                byte[] a = b.bytes();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i] & 0xFF;
                }
            }
            case INT8 -> {
                byte[] a = b.bytes();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i];
                }
            }
            case UINT16 -> {
                short[] a = b.shorts();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i] & 0xFFFF;
                }
            }
            case INT16 -> {
                short[] a = b.shorts();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i];
                }
            }
            case UINT32 -> {
                int[] a = b.ints();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i] & 0xFFFFFFFFL;
                }
            }
            case INT32 -> {
                int[] a = b.ints();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i];
                }
            }
            case FLOAT32 -> {
                float[] a = b.floats();
                for (int i = 0; i < len; i++) {
                    dst[i] = a[from + i];
                }
            }
            case FLOAT64 -> System.arraycopy(b.doubles(), from, dst, 0, len);
        }
    }
}
