package org.vemseg.core.metrics;

import java.util.Optional;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/** A volume reader over a block in memory, for testing services without a file format. */
public record MemoryVolume(Block data, Optional<VoxelSize> voxelSize) implements VolumeReader {

    public static MemoryVolume of(Block data) {
        return new MemoryVolume(data, Optional.empty());
    }

    @Override
    public VolumeInfo info() {
        Box b = data.box();
        return VolumeInfo.ofSlices(b.depth(), b.height(), b.width(), data.type(), voxelSize);
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info(), box, "memory");
        return data.crop(box);
    }

    @Override
    public void close() {
    }
}
