package org.vemseg.core.predict;

import org.vemseg.core.volume.Block;

/** Fast conversion of a run of voxels of any type to float, without per-voxel dispatch. */
final class FloatRows {

    private FloatRows() {
    }

    /** Copies {@code n} voxels of {@code src} from flat index {@code from} into {@code dst} at {@code to}. */
    static void copy(Block src, int from, float[] dst, int to, int n) {
        switch (src.type()) {
            case UINT8 -> {
                byte[] a = src.bytes();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = a[from + i] & 0xFF;
                }
            }
            case INT8 -> {
                byte[] a = src.bytes();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = a[from + i];
                }
            }
            case UINT16 -> {
                short[] a = src.shorts();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = a[from + i] & 0xFFFF;
                }
            }
            case INT16 -> {
                short[] a = src.shorts();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = a[from + i];
                }
            }
            case UINT32 -> {
                int[] a = src.ints();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = a[from + i] & 0xFFFFFFFFL;
                }
            }
            case INT32 -> {
                int[] a = src.ints();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = a[from + i];
                }
            }
            case FLOAT32 -> System.arraycopy(src.floats(), from, dst, to, n);
            case FLOAT64 -> {
                double[] a = src.doubles();
                for (int i = 0; i < n; i++) {
                    dst[to + i] = (float) a[from + i];
                }
            }
        }
    }
}
