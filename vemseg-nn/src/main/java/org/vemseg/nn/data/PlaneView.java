package org.vemseg.nn.data;

import org.vemseg.core.predict.Reflect;
import org.vemseg.core.volume.Plane;

/**
 * A {@link LabelledVolume} seen along one {@link Plane}, without copying: the view's slices are the plane's
 * slices (xz slices are stacked along y, yz slices along x), so its z is the axis a network's frames step along.
 * Voxel {@code (z, y, x)} of the view is element {@code z·strideZ + y·strideY + x·strideX} of the volume's arrays.
 *
 * <p>The same mapping as {@link org.vemseg.core.io.PermutedVolumeReader} with {@link Plane#axes()}, over the
 * arrays held in memory for training instead of a reader.
 */
final class PlaneView {

    final float[] images;
    final byte[] labels;
    final int depth;
    final int height;
    final int width;
    final int strideZ;
    final int strideY;
    final int strideX;

    PlaneView(LabelledVolume v, Plane plane) {
        int[] axes = plane.axes();
        int[] shape = {v.depth(), v.height(), v.width()};
        int[] strides = {v.height() * v.width(), v.width(), 1};
        this.images = v.images();
        this.labels = v.labels();
        this.depth = shape[axes[0]];
        this.height = shape[axes[1]];
        this.width = shape[axes[2]];
        this.strideZ = strides[axes[0]];
        this.strideY = strides[axes[1]];
        this.strideX = strides[axes[2]];
    }

    /**
     * {@code i} reflected into [0, n) (mirror about the first and last element, which are not repeated), for
     * frames beyond the first or last slice and for patches larger than a shallow stack's xz or yz slices.
     */
    static int reflect(int i, int n) {
        return i >= 0 && i < n ? i : (int) Reflect.index(i, n);
    }

    /** {@code s}, a position in voxel-centre coordinates, reflected into [0, n − 1] like {@link #reflect(int, int)}. */
    static double reflect(double s, int n) {
        if (s >= 0 && s <= n - 1) {
            return s;
        }
        double period = 2.0 * (n - 1);
        double m = s - period * Math.floor(s / period);
        return m <= n - 1 ? m : period - m;
    }
}
