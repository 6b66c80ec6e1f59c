package org.vemseg.core.objects;

/**
 * Instance labels (0 = background, objects {@code 1..count()}) that can be read region by region: a label
 * volume in memory ({@link LabelVolume}) or the compact run-length labels of a volume too large for one
 * array ({@link RunLabels}). Measuring, meshing and writing read through this, one slice or one object's
 * bounding box at a time.
 */
public interface LabelSource {

    int depth();

    int height();

    int width();

    /** Number of objects. */
    int count();

    /**
     * Writes the labels of the box starting at (z0, y0, x0) with shape (d, h, w) into {@code out} (z-y-x,
     * x fastest, length at least {@code d * h * w}); the box must lie inside the volume.
     */
    void read(int z0, int y0, int x0, int d, int h, int w, int[] out);

    /** Voxel count of every object, indexed by label (index 0 = background). */
    long[] sizes();
}
