package org.vemseg.core.io.zarr;

import org.vemseg.core.volume.Block;

/** Typed bulk conversion of a block's voxels to doubles (faster than {@link Block#get} per voxel). */
final class Voxels {

    private Voxels() {
    }

    static double[] toDoubles(Block b) {
        int n = b.size();
        double[] out = new double[n];
        switch (b.type()) {
            case UINT8 -> {
                byte[] a = b.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFF;
                }
            }
            case INT8 -> {
                byte[] a = b.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case UINT16 -> {
                short[] a = b.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFFFF;
                }
            }
            case INT16 -> {
                short[] a = b.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case UINT32 -> {
                int[] a = b.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFFFFFFFFL;
                }
            }
            case INT32 -> {
                int[] a = b.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case FLOAT32 -> {
                float[] a = b.floats();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case FLOAT64 -> System.arraycopy(b.doubles(), 0, out, 0, n);
        }
        return out;
    }
}
