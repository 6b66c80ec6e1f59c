package org.vemseg.core.ops;

import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.objects.ConnectedComponents;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Writes a post-processed copy of a mask volume ({@link PostProcessing}: holes filled, small objects removed) as
 * uint8 0/1, block by block in the writer's grid. The mask is read slab by slab and its objects kept as runs, so
 * memory grows with the objects' outlines, not with the volume; the output appears only when complete.
 */
public final class MaskPostProcessor {

    private MaskPostProcessor() {
    }

    /**
     * @param mask a mask (non-zero = foreground) or a probability map, thresholded at {@code threshold}
     * @param name names the input in error messages
     * @param options how the output is written (overwrite, chunk)
     * @return what post-processing changed
     */
    public static PostProcessing.Result write(VolumeReader mask, double threshold, String name,
            VolumeLocation target, WriteOptions options, Connectivity connectivity, PostProcessing post) {
        PostProcessing.Result r = ConnectedComponents.label(mask, threshold, name, connectivity, false, post);
        VolumeInfo info = mask.info().withDataType(DataType.UINT8);
        try (VolumeWriter writer = Volumes.create(target, info, options.withLabels(true))) {
            int[] labels = new int[0];
            for (Box b : BlockGrid.of(writer.info())) {
                int n = (int) b.voxels();
                if (labels.length < n) {
                    labels = new int[n];
                }
                r.labels().read((int) b.z(), (int) b.y(), (int) b.x(), (int) b.depth(), (int) b.height(),
                        (int) b.width(), labels);
                Block block = Block.allocate(b, DataType.UINT8);
                byte[] out = block.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) (labels[i] != 0 ? 1 : 0);
                }
                writer.write(block);
            }
            writer.commit();
        }
        return r;
    }
}
