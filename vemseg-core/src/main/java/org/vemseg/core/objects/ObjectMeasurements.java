package org.vemseg.core.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.vemseg.core.mesh.MarchingCubes;
import org.vemseg.core.mesh.MeshSmoothing;
import org.vemseg.core.mesh.TriangleMesh;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

/**
 * Measures every object of a label volume: size, volume, centroid, bounding box, equivalent diameter,
 * surface area and sphericity.
 *
 * <p>Counts, sums and boxes come from one pass over the labels, slice by slice (so run-length labels of a
 * large volume are never painted whole). The surface area is that of the object's
 * marching-cubes surface after {@link #SURFACE_SMOOTHING} rounds of Taubin smoothing: the raw surface of a
 * voxelised object follows the voxel staircase and overestimates the area of a smooth object by several
 * per cent (about 8 % for a ball), which would bias the sphericity low. Objects are meshed in parallel,
 * each from a crop of its bounding box.
 */
public final class ObjectMeasurements {

    /** Taubin rounds applied before measuring the surface area. */
    public static final int SURFACE_SMOOTHING = 10;

    private ObjectMeasurements() {
    }

    /**
     * @param voxelSize if empty, lengths are in voxels
     */
    public static ObjectTable measure(LabelSource labels, Optional<VoxelSize> voxelSize) {
        double[] s = spacingUm(voxelSize);
        int n = labels.count();
        int d = labels.depth();
        int h = labels.height();
        int w = labels.width();
        ObjectStatistics stats = new ObjectStatistics(n);
        int[] lab = new int[h * w];
        for (int z = 0; z < d; z++) {
            labels.read(z, 0, 0, 1, h, w, lab);
            stats.addSlice(lab, z, 0, 0, h, w);
        }
        double[] area = new double[n + 1];
        IntStream.rangeClosed(1, n).parallel().forEach(l -> area[l] = surfaceArea(labels, l, stats.box(l), s));
        List<ObjectMeasurement> rows = new ArrayList<>(n);
        for (int l = 1; l <= n; l++) {
            rows.add(stats.measurement(l, l, s, area[l]));
        }
        return table(rows, voxelSize, new long[] {d, h, w});
    }

    /** The table of {@code rows} measured in a volume of {@code shape} (z, y, x) voxels. */
    public static ObjectTable table(List<ObjectMeasurement> rows, Optional<VoxelSize> voxelSize, long[] shape) {
        double[] s = spacingUm(voxelSize);
        return new ObjectTable(rows, voxelSize.isPresent(), s[0] * s[1] * s[2], s, shape);
    }

    /** Voxel size in µm, or 1 per axis if unknown. */
    public static double[] spacingUm(Optional<VoxelSize> voxelSize) {
        return voxelSize.map(v -> new double[] {v.z() / 1000, v.y() / 1000, v.x() / 1000})
                .orElse(new double[] {1, 1, 1});
    }

    /** The smoothed surface mesh of object {@code l}, in the volume's coordinates scaled by {@code s}. */
    public static TriangleMesh mesh(LabelSource labels, int l, int[] box, double[] s, int smoothing) {
        int b = 6 * l;
        return mesh(labels, l, new Box(box[b], box[b + 1], box[b + 2], box[b + 3] - box[b], box[b + 4] - box[b + 1],
                box[b + 5] - box[b + 2]), s, smoothing);
    }

    /** The smoothed surface mesh of object {@code l} whose bounding box is {@code box}. */
    private static TriangleMesh mesh(LabelSource labels, int l, Box box, double[] s, int smoothing) {
        int z0 = (int) box.z();
        int y0 = (int) box.y();
        int x0 = (int) box.x();
        int cd = (int) box.depth();
        int ch = (int) box.height();
        int cw = (int) box.width();
        int[] lab = new int[cd * ch * cw];
        labels.read(z0, y0, x0, cd, ch, cw, lab);
        byte[] crop = new byte[lab.length];
        for (int i = 0; i < crop.length; i++) {
            crop[i] = (byte) (lab[i] == l ? 1 : 0);
        }
        TriangleMesh m = MarchingCubes.ofMask(crop, cd, ch, cw, s);
        if (smoothing > 0) {
            m = MeshSmoothing.taubin(m, smoothing);
        }
        return m.translate(x0 * s[2], y0 * s[1], z0 * s[0]);
    }

    /**
     * The area of the surface of object {@code l}, whose bounding box is {@code box}: its marching-cubes mesh after
     * {@link #SURFACE_SMOOTHING} rounds of smoothing, from a crop of the box.
     */
    public static double surfaceArea(LabelSource labels, int l, Box box, double[] s) {
        return mesh(labels, l, box, s, SURFACE_SMOOTHING).area();
    }

    /** Bounding boxes in the layout {@link #mesh} expects: six ints per label (min z, y, x, max z, y, x). */
    public static int[] boxes(ObjectTable table) {
        int[] box = new int[6 * (table.count() + 1)];
        for (ObjectMeasurement o : table.objects()) {
            int b = 6 * o.id();
            box[b] = o.minZ();
            box[b + 1] = o.minY();
            box[b + 2] = o.minX();
            box[b + 3] = o.maxZ();
            box[b + 4] = o.maxY();
            box[b + 5] = o.maxX();
        }
        return box;
    }
}
