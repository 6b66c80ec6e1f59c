package org.vemseg.core.objects;

import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * 3D connected-component labelling with 6-, 18- or 26-connectivity, of a mask in memory or of a volume
 * streamed from a file slab by slab with bounded memory. The algorithm is in {@link RunLabels}.
 */
public final class ConnectedComponents {

    /** Voxels read at once when streaming (a slab of whole slices, at least one slice). */
    private static final long SLAB_VOXELS = 64L << 20;

    private ConnectedComponents() {
    }

    /** Labels the foreground components of {@code mask} into a voxel array. */
    public static LabelVolume label(Mask mask, Connectivity connectivity) {
        return RunLabels.of(mask, connectivity).toLabelVolume();
    }

    /**
     * Thresholds and labels a volume read slab by slab: memory is one slab plus the runs, whatever the
     * volume's size (see {@link Thresholding} for how values are read).
     *
     * @param perSlice label each z slice on its own (2D objects; see {@link RunLabels#of(Mask, Connectivity,
     *     boolean)})
     * @param source names the input in error messages
     */
    public static RunLabels label(VolumeReader reader, double threshold, Object source, Connectivity connectivity,
            boolean perSlice) {
        return label(reader, threshold, source, connectivity, perSlice, SLAB_VOXELS);
    }

    /**
     * As {@link #label(VolumeReader, double, Object, Connectivity, boolean)}, post-processing the mask (fill holes,
     * remove small objects) before the objects are final; memory stays one slab plus the runs.
     */
    public static PostProcessing.Result label(VolumeReader reader, double threshold, Object source,
            Connectivity connectivity, boolean perSlice, PostProcessing post) {
        return post.apply(foregroundRuns(reader, threshold, source, SLAB_VOXELS), (int) reader.info().height(),
                (int) reader.info().width(), connectivity, perSlice);
    }

    /**
     * As {@link #label(VolumeReader, double, Object, Connectivity, boolean)}, reading about {@code slabVoxels} at
     * once.
     */
    static RunLabels label(VolumeReader reader, double threshold, Object source, Connectivity connectivity,
            boolean perSlice, long slabVoxels) {
        return RunLabels.of(foregroundRuns(reader, threshold, source, slabVoxels), (int) reader.info().height(),
                (int) reader.info().width(), connectivity, perSlice);
    }

    /** The foreground runs of every slice, thresholding about {@code slabVoxels} voxels at a time. */
    private static SliceRuns[] foregroundRuns(VolumeReader reader, double threshold, Object source,
            long slabVoxels) {
        VolumeInfo info = reader.info();
        if (info.height() * info.width() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source + ": slices of " + info.height() + " x " + info.width()
                    + " are too large");
        }
        int d = Math.toIntExact(info.depth());
        int h = (int) info.height();
        int w = (int) info.width();
        int plane = h * w;
        Thresholding.Scale scale = Thresholding.Scale.detect(reader);
        int chunkDepth = Math.max(1, info.chunk()[0]);
        long byVoxels = Math.max(1, slabVoxels / plane);
        int slab = (int) Math.max(1,
                Math.min(d, byVoxels >= chunkDepth ? byVoxels / chunkDepth * chunkDepth : byVoxels));
        SliceRuns[] slices = new SliceRuns[d];
        for (int z0 = 0; z0 < d; z0 += slab) {
            int n = Math.min(slab, d - z0);
            Mask m = Thresholding.apply(reader.read(new Box(z0, 0, 0, n, h, w)), threshold, source, scale);
            int first = z0;
            RunLabels.parallel(n, z -> slices[first + z] = SliceRuns.of(m.voxels(), z * plane, h, w));
        }
        return slices;
    }
}
