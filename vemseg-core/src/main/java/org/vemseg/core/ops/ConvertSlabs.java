package org.vemseg.core.ops;

import java.util.Iterator;
import java.util.Optional;
import org.vemseg.core.concurrent.ChunkTask;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.zarr.ZarrArray;
import org.vemseg.core.io.zarr.ZarrFormat;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * Slabs of a conversion into the partial OME-Zarr output that the driver created, as a task a worker runs: it opens
 * the input and the output itself (once per call) and writes each slab's chunks atomically, so a retried task
 * writes the same bytes again.
 *
 * @param input       the input, as the driver named it
 * @param output      the final output path (the partial folder beside it is written)
 * @param inputBounds the input's shape as the driver saw it, so a worker that sees another volume stops
 * @param region      the part of the input converted
 * @param mapOrNull   the intensity map, or null without one (an {@link Optional} does not serialise)
 */
record ConvertSlabs(String input, String output, Box inputBounds, Box region, int[] chunk, DataType type,
        IntensityMap mapOrNull) implements ChunkTask {

    private static final long serialVersionUID = 1L;

    ConvertSlabs {
        chunk = chunk.clone();
    }

    @Override
    public int[] chunk() {
        return chunk.clone();
    }

    @Override
    public void write(Iterator<Box> slabs) {
        try (VolumeReader source = Volumes.openOnWorker(VolumeLocation.parse(input), inputBounds)) {
            ZarrArray out = ZarrFormat.openPartial(VolumeLocation.parse(output));
            while (slabs.hasNext()) {
                for (Block b : VolumeCopy.blocksOf(source, region, slabs.next(), chunk, type,
                        Optional.ofNullable(mapOrNull))) {
                    out.writeChunk(b);
                }
            }
        }
    }
}
