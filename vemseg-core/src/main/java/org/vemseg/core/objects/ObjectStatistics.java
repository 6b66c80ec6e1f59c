package org.vemseg.core.objects;

import java.io.Serializable;
import java.util.Arrays;
import org.vemseg.core.volume.Box;

/**
 * Voxel count, coordinate sums and bounding box of objects {@code 1..count}, gathered from label slices and
 * mergeable: the statistics of parts of an object (e.g. the pieces of one object in the blocks of a distributed
 * labelling) add up to those of the whole, because the sums are exact integers, so the table is the same whatever
 * way the voxels were visited.
 */
public final class ObjectStatistics implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int count;
    private final long[] voxels;
    private final long[] sumZ;
    private final long[] sumY;
    private final long[] sumX;
    /** Six ints per label: min z, y, x (inclusive), end z, y, x (exclusive); label 0 unused. */
    private final int[] box;

    /** Empty statistics of labels {@code 1..count}. */
    public ObjectStatistics(int count) {
        this.count = count;
        voxels = new long[count + 1];
        sumZ = new long[count + 1];
        sumY = new long[count + 1];
        sumX = new long[count + 1];
        box = new int[6 * (count + 1)];
        for (int l = 0; l <= count; l++) {
            Arrays.fill(box, 6 * l, 6 * l + 3, Integer.MAX_VALUE);
        }
    }

    /** Number of labels. */
    public int count() {
        return count;
    }

    /**
     * Adds one z slice of labels ({@code h * w}, x fastest, 0 = background) whose first voxel lies at
     * ({@code z}, {@code y0}, {@code x0}) of the volume.
     */
    public void addSlice(int[] labels, int z, int y0, int x0, int h, int w) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int l = labels[row + x];
                if (l != 0) {
                    add(l, z, y0 + y, x0 + x);
                }
            }
        }
    }

    private void add(int l, int z, int y, int x) {
        voxels[l]++;
        sumZ[l] += z;
        sumY[l] += y;
        sumX[l] += x;
        int b = 6 * l;
        box[b] = Math.min(box[b], z);
        box[b + 1] = Math.min(box[b + 1], y);
        box[b + 2] = Math.min(box[b + 2], x);
        box[b + 3] = Math.max(box[b + 3], z + 1);
        box[b + 4] = Math.max(box[b + 4], y + 1);
        box[b + 5] = Math.max(box[b + 5], x + 1);
    }

    /** Adds the part {@code fromLabel} of {@code from} to label {@code label} of these statistics. */
    public void merge(int label, ObjectStatistics from, int fromLabel) {
        voxels[label] += from.voxels[fromLabel];
        sumZ[label] += from.sumZ[fromLabel];
        sumY[label] += from.sumY[fromLabel];
        sumX[label] += from.sumX[fromLabel];
        int b = 6 * label;
        int f = 6 * fromLabel;
        for (int d = 0; d < 3; d++) {
            box[b + d] = Math.min(box[b + d], from.box[f + d]);
            box[b + 3 + d] = Math.max(box[b + 3 + d], from.box[f + 3 + d]);
        }
    }

    /** Voxels of {@code label}. */
    public long voxels(int label) {
        return voxels[label];
    }

    /** The bounding box of {@code label}, which must have a voxel. */
    public Box box(int label) {
        int b = 6 * label;
        return new Box(box[b], box[b + 1], box[b + 2], box[b + 3] - box[b], box[b + 4] - box[b + 1],
                box[b + 5] - box[b + 2]);
    }

    /**
     * The table row of {@code label}, numbered {@code id}.
     *
     * @param spacing voxel size (z, y, x) in the table's unit
     * @param surfaceArea of the object's surface (see {@link ObjectMeasurements#surfaceArea})
     */
    public ObjectMeasurement measurement(int id, int label, double[] spacing, double surfaceArea) {
        long n = voxels[label];
        double v = n * (spacing[0] * spacing[1] * spacing[2]);
        double eqd = Math.cbrt(6 * v / Math.PI);
        double sph = surfaceArea > 0 ? Math.cbrt(Math.PI) * Math.pow(6 * v, 2.0 / 3) / surfaceArea : Double.NaN;
        int b = 6 * label;
        return new ObjectMeasurement(id, n, v, (double) sumZ[label] / n, (double) sumY[label] / n,
                (double) sumX[label] / n, box[b], box[b + 1], box[b + 2], box[b + 3], box[b + 4], box[b + 5], eqd,
                surfaceArea, sph);
    }
}
