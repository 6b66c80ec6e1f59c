package org.vemseg.core.metrics;

import org.vemseg.core.objects.DistanceTransform;
import org.vemseg.core.objects.Mask;

/**
 * The voxels not scored because they lie too close to a label boundary, where annotators disagree (Lucchi et
 * al. 2014, CDeep3M). A boundary voxel is one whose label differs from one of its four in-plane
 * neighbours; with zone {@code n}, every voxel whose in-plane Euclidean distance to a boundary voxel is
 * below {@code n} is excluded. So {@code n = 1} drops the boundary voxels on both sides of each label edge,
 * {@code n = 2} two voxels on each side, and {@code n = 0} nothing. The zone is computed slice by slice,
 * like the 2D annotations it compensates for.
 */
public final class ExclusionZone {

    private ExclusionZone() {
    }

    /**
     * @param labels one slice of binary labels (0/1), {@code h * w}
     * @return 1 where the voxel is excluded, or null if {@code n <= 0}
     */
    public static byte[] ofSlice(byte[] labels, int h, int w, int n) {
        if (n <= 0) {
            return null;
        }
        // Mask for the distance transform: foreground = not boundary, so distances are to the boundary.
        byte[] notBoundary = new byte[h * w];
        boolean any = false;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                byte v = labels[i];
                boolean b = (x > 0 && labels[i - 1] != v) || (x + 1 < w && labels[i + 1] != v)
                        || (y > 0 && labels[i - w] != v) || (y + 1 < h && labels[i + w] != v);
                notBoundary[i] = (byte) (b ? 0 : 1);
                any |= b;
            }
        }
        byte[] excluded = new byte[h * w];
        if (!any) {
            return excluded;
        }
        float[] dist = DistanceTransform.compute(new Mask(1, h, w, notBoundary), new double[] {1, 1, 1});
        for (int i = 0; i < excluded.length; i++) {
            excluded[i] = (byte) (dist[i] < n ? 1 : 0);
        }
        return excluded;
    }
}
