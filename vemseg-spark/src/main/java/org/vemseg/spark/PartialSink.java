package org.vemseg.spark;

import java.util.Optional;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.zarr.ZarrArray;
import org.vemseg.core.io.zarr.ZarrFormat;
import org.vemseg.core.predict.ChunkSink;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Chunks of the partial OME-Zarr output that the driver created, written by an executor: each chunk file is written
 * to a temporary and renamed, so it exists completely or not at all, and writing it again (a retried task) replaces
 * it with the same bytes.
 */
final class PartialSink implements ChunkSink {

    private final ZarrArray array;
    private final VolumeInfo info;

    private PartialSink(ZarrArray array) {
        this.array = array;
        Box b = array.bounds();
        this.info = new VolumeInfo(b.depth(), b.height(), b.width(), array.dataType(), Optional.empty(),
                array.chunk());
    }

    /** The partial output of the OME-Zarr image {@code location}, which the driver created. */
    static PartialSink open(String location) {
        return new PartialSink(ZarrFormat.openPartial(VolumeLocation.parse(location)));
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public boolean isWritten(Box box) {
        return array.chunkExists(array.gridPosition(box));
    }

    @Override
    public void write(Block block) {
        array.writeChunk(block);
    }
}
