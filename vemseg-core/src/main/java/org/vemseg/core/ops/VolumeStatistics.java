package org.vemseg.core.ops;

import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Minimum, maximum and mean of a volume. Volumes larger than a voxel budget are sampled on evenly
 * spaced z slices, and the result says so.
 *
 * @param min         smallest value seen
 * @param max         largest value seen
 * @param mean        mean of the values seen
 * @param voxelsSeen  number of voxels read
 * @param slicesSeen  number of z slices read
 * @param sampled     whether only some slices were read
 */
public record VolumeStatistics(double min, double max, double mean, long voxelsSeen, long slicesSeen, boolean sampled) {

    /** Voxels read at most by {@link #of(VolumeReader, Progress)}: 64 Mi. */
    public static final long DEFAULT_BUDGET = 64L << 20;

    public static VolumeStatistics of(VolumeReader reader, Progress progress) {
        return of(reader, DEFAULT_BUDGET, progress);
    }

    /** Statistics over all voxels, or over evenly spaced slices if the volume exceeds {@code voxelBudget}. */
    public static VolumeStatistics of(VolumeReader reader, long voxelBudget, Progress progress) {
        VolumeInfo info = reader.info();
        long sliceVoxels = info.height() * info.width();
        long slices = Math.max(1, Math.min(info.depth(), voxelBudget / Math.max(1, sliceVoxels)));
        boolean sampled = slices < info.depth();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long count = 0;
        long rows = Math.max(1, Math.min(info.height(), (16L << 20) / Math.max(1, info.width())));
        progress.start(sampled ? "statistics (sampled)" : "statistics", slices * sliceVoxels, "voxels");
        try {
            for (long s = 0; s < slices; s++) {
                long z = sampled ? (s * info.depth() + info.depth() / 2) / slices : s;
                z = Math.min(z, info.depth() - 1);
                for (long y = 0; y < info.height(); y += rows) {
                    Block b = reader.read(new Box(z, y, 0, 1, Math.min(rows, info.height() - y), info.width()));
                    double bsum = 0;
                    for (int i = 0, n = b.size(); i < n; i++) {
                        double v = b.get(i);
                        if (v < min) {
                            min = v;
                        }
                        if (v > max) {
                            max = v;
                        }
                        bsum += v;
                    }
                    sum += bsum;
                    count += b.size();
                    progress.advance(b.size());
                }
            }
        } finally {
            progress.finish();
        }
        return new VolumeStatistics(min, max, sum / count, count, slices, sampled);
    }
}
