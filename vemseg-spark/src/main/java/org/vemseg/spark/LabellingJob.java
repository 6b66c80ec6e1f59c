package org.vemseg.spark;

import java.io.Serializable;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.RunLabels;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * What every task of a distributed labelling needs, in serialisable form: where the input is, how it is
 * thresholded and labelled, and the blocks. {@link #label(int)} labels one block on its own, the same way in both
 * passes (the numbering of a block's components depends only on its voxels).
 *
 * @param input the input's location, absolute
 * @param output the label output's location, absolute (its partial folder is where tasks write)
 */
record LabellingJob(String input, String output, double threshold, Thresholding.Scale scale,
        Connectivity connectivity, boolean perSlice, LabellingGrid grid) implements Serializable {

    private static final long serialVersionUID = 1L;

    LabellingJob withScale(Thresholding.Scale s) {
        return new LabellingJob(input, output, threshold, s, connectivity, perSlice, grid);
    }

    /** The components of block {@code i}, numbered in its scan order, and the largest uint8 value it holds. */
    Labelled label(int i) {
        Box box = grid.box(i);
        Block voxels;
        try (VolumeReader r = Volumes.open(VolumeLocation.parse(input))) {
            if (!r.info().bounds().equals(grid.bounds())) {
                throw new VemsegException.InvalidInput(input + ": an executor sees a volume of "
                        + r.info().bounds().shapeString() + ", but the driver planned "
                        + grid.bounds().shapeString());
            }
            voxels = r.read(box);
        }
        int max = -1;
        if (voxels.type() == DataType.UINT8) {
            max = 0;
            for (byte b : voxels.bytes()) {
                max = Math.max(max, b & 0xFF);
            }
        }
        RunLabels runs = RunLabels.of(Thresholding.apply(voxels, threshold, input, scale), connectivity, perSlice);
        return new Labelled(box, runs, max);
    }

    /**
     * One block's components.
     *
     * @param maxUint8 the largest voxel value if the input is uint8, else -1 (to check the thresholding scale)
     */
    record Labelled(Box box, RunLabels runs, int maxUint8) {

        /** The labels of {@code region} (volume coordinates, inside the block), x fastest. */
        int[] read(Box region) {
            int[] out = new int[Math.toIntExact(region.voxels())];
            runs.read((int) (region.z() - box.z()), (int) (region.y() - box.y()), (int) (region.x() - box.x()),
                    (int) region.depth(), (int) region.height(), (int) region.width(), out);
            return out;
        }
    }
}
