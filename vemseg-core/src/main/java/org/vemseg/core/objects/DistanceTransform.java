package org.vemseg.core.objects;

import java.util.stream.IntStream;

/**
 * Exact Euclidean distance transform with anisotropic voxel size: for every foreground voxel, the distance to
 * the nearest background voxel (0 on background), like SciPy's {@code distance_transform_edt(mask,
 * sampling)}. Voxels outside the volume are not background; a mask without background gets +infinity.
 *
 * <p>Felzenszwalb and Huttenlocher's separable algorithm: a 1D pass along x gives squared distances to the
 * nearest background voxel of each row; passes along y and then z take the lower envelope of parabolas
 * {@code s^2 (q - p)^2 + f(p)}, which is exact. Each pass is parallel over slices (x, y) or rows (z); the
 * y and z passes copy a plane into a transposed buffer so every 1D transform reads contiguous memory.
 */
public final class DistanceTransform {

    private DistanceTransform() {
    }

    /**
     * @param spacing voxel size (z, y, x) in any unit; the distances come out in that unit
     * @return distances, z-y-x order, same length as the mask
     */
    public static float[] compute(Mask mask, double[] spacing) {
        float[] sq = squared(mask, spacing);
        IntStream.range(0, mask.depth()).parallel().forEach(z -> {
            int plane = mask.height() * mask.width();
            for (int i = z * plane, end = i + plane; i < end; i++) {
                sq[i] = (float) Math.sqrt(sq[i]);
            }
        });
        return sq;
    }

    /** Squared distances (cheaper when only comparisons are needed). */
    public static float[] squared(Mask mask, double[] spacing) {
        if (spacing.length != 3 || !(spacing[0] > 0 && spacing[1] > 0 && spacing[2] > 0)) {
            throw new IllegalArgumentException("spacing must be three positive numbers (z, y, x)");
        }
        int d = mask.depth();
        int h = mask.height();
        int w = mask.width();
        float[] f = new float[mask.size()];
        byte[] m = mask.voxels();
        double sx2 = spacing[2] * spacing[2];
        IntStream.range(0, d).parallel().forEach(z -> {
            for (int y = 0; y < h; y++) {
                rowPass(m, f, (z * h + y) * w, w, sx2);
            }
        });
        if (h > 1) {
            double sy2 = spacing[1] * spacing[1];
            IntStream.range(0, d).parallel().forEach(z -> planePass(f, z * h * w, h, w, w, sy2));
        }
        if (d > 1) {
            double sz2 = spacing[0] * spacing[0];
            // For each y, the (z, x) plane: lines along z with stride h*w.
            IntStream.range(0, h).parallel().forEach(y -> planePass(f, y * w, d, w, h * w, sz2));
        }
        return f;
    }

    /** 1D distance along a row to the nearest zero, squared and scaled; +infinity if the row has none. */
    private static void rowPass(byte[] m, float[] f, int off, int w, double s2) {
        final float inf = Float.POSITIVE_INFINITY;
        int last = -1;
        for (int x = 0; x < w; x++) {
            if (m[off + x] == 0) {
                last = x;
                f[off + x] = 0f;
            } else {
                f[off + x] = last < 0 ? inf : (float) ((x - last) * (double) (x - last) * s2);
            }
        }
        last = -1;
        for (int x = w - 1; x >= 0; x--) {
            if (m[off + x] == 0) {
                last = x;
            } else if (last >= 0) {
                double dd = (last - x) * (double) (last - x) * s2;
                if (dd < f[off + x]) {
                    f[off + x] = (float) dd;
                }
            }
        }
    }

    /**
     * Transforms {@code w} lines of length {@code n} that start at {@code base + x} and step by
     * {@code lineStride}; consecutive x are adjacent in memory, so the plane is gathered row by row into a
     * transposed buffer, transformed line by line, and scattered back.
     */
    private static void planePass(float[] f, int base, int n, int w, int lineStride, double s2) {
        float[] buf = new float[n * w];
        for (int i = 0; i < n; i++) {
            int row = base + i * lineStride;
            for (int x = 0; x < w; x++) {
                buf[x * n + i] = f[row + x];
            }
        }
        double[] line = new double[n];
        double[] out = new double[n];
        int[] v = new int[n];
        double[] zb = new double[n + 1];
        for (int x = 0; x < w; x++) {
            int o = x * n;
            for (int i = 0; i < n; i++) {
                line[i] = buf[o + i];
            }
            envelope(line, out, n, s2, v, zb);
            for (int i = 0; i < n; i++) {
                buf[o + i] = (float) out[i];
            }
        }
        for (int i = 0; i < n; i++) {
            int row = base + i * lineStride;
            for (int x = 0; x < w; x++) {
                f[row + x] = buf[x * n + i];
            }
        }
    }

    /** Lower envelope of the parabolas {@code s2 (q - p)^2 + f[p]} sampled at q = 0..n-1. */
    static void envelope(double[] f, double[] d, int n, double s2, int[] v, double[] zb) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            double fq = f[q];
            if (fq == Double.POSITIVE_INFINITY) {
                continue;
            }
            double hq = fq + s2 * q * (double) q;
            double s = Double.NEGATIVE_INFINITY;
            while (k >= 0) {
                int p = v[k];
                s = (hq - (f[p] + s2 * p * (double) p)) / (2 * s2 * (q - p));
                if (s <= zb[k]) {
                    k--;
                    s = Double.NEGATIVE_INFINITY;
                } else {
                    break;
                }
            }
            k++;
            v[k] = q;
            zb[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            zb[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            for (int q = 0; q < n; q++) {
                d[q] = Double.POSITIVE_INFINITY;
            }
            return;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (zb[k + 1] < q) {
                k++;
            }
            int p = v[k];
            d[q] = s2 * (q - p) * (double) (q - p) + f[p];
        }
    }
}
