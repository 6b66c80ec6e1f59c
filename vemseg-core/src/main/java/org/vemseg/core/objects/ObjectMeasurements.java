package org.vemseg.core.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.vemseg.core.mesh.MarchingCubes;
import org.vemseg.core.mesh.MeshSmoothing;
import org.vemseg.core.mesh.TriangleMesh;
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
        long[] count = new long[n + 1];
        double[] sz = new double[n + 1];
        double[] sy = new double[n + 1];
        double[] sx = new double[n + 1];
        int[] box = new int[6 * (n + 1)];
        for (int l = 0; l <= n; l++) {
            box[6 * l] = box[6 * l + 1] = box[6 * l + 2] = Integer.MAX_VALUE;
        }
        int[] lab = new int[h * w];
        for (int z = 0; z < d; z++) {
            labels.read(z, 0, 0, 1, h, w, lab);
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int l = lab[row + x];
                    if (l == 0) {
                        continue;
                    }
                    count[l]++;
                    sz[l] += z;
                    sy[l] += y;
                    sx[l] += x;
                    int b = 6 * l;
                    if (z < box[b]) {
                        box[b] = z;
                    }
                    if (y < box[b + 1]) {
                        box[b + 1] = y;
                    }
                    if (x < box[b + 2]) {
                        box[b + 2] = x;
                    }
                    if (z >= box[b + 3]) {
                        box[b + 3] = z + 1;
                    }
                    if (y >= box[b + 4]) {
                        box[b + 4] = y + 1;
                    }
                    if (x >= box[b + 5]) {
                        box[b + 5] = x + 1;
                    }
                }
            }
        }
        double voxelVolume = s[0] * s[1] * s[2];
        double[] area = new double[n + 1];
        IntStream.rangeClosed(1, n).parallel().forEach(l -> area[l] = surfaceArea(labels, l, box, s));
        List<ObjectMeasurement> rows = new ArrayList<>(n);
        for (int l = 1; l <= n; l++) {
            double v = count[l] * voxelVolume;
            double eqd = Math.cbrt(6 * v / Math.PI);
            double sph = area[l] > 0 ? Math.cbrt(Math.PI) * Math.pow(6 * v, 2.0 / 3) / area[l] : Double.NaN;
            int b = 6 * l;
            rows.add(new ObjectMeasurement(l, count[l], v, sz[l] / count[l], sy[l] / count[l], sx[l] / count[l],
                    box[b], box[b + 1], box[b + 2], box[b + 3], box[b + 4], box[b + 5], eqd, area[l], sph));
        }
        return new ObjectTable(rows, voxelSize.isPresent(), voxelVolume, s,
                new long[] {d, h, w});
    }

    /** Voxel size in µm, or 1 per axis if unknown. */
    public static double[] spacingUm(Optional<VoxelSize> voxelSize) {
        return voxelSize.map(v -> new double[] {v.z() / 1000, v.y() / 1000, v.x() / 1000})
                .orElse(new double[] {1, 1, 1});
    }

    /** The smoothed surface mesh of object {@code l}, in the volume's coordinates scaled by {@code s}. */
    public static TriangleMesh mesh(LabelSource labels, int l, int[] box, double[] s, int smoothing) {
        int b = 6 * l;
        int z0 = box[b];
        int y0 = box[b + 1];
        int x0 = box[b + 2];
        int cd = box[b + 3] - z0;
        int ch = box[b + 4] - y0;
        int cw = box[b + 5] - x0;
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

    private static double surfaceArea(LabelSource labels, int l, int[] box, double[] s) {
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
