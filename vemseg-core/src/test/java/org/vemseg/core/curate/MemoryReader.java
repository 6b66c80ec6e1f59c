package org.vemseg.core.curate;

import java.util.Optional;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/** A volume held in memory behind the reader interface; counts reads, so tests can check slab reading. */
final class MemoryReader implements VolumeReader {

    private final Block data;
    private final VolumeInfo info;
    int reads;
    long largestRead;

    MemoryReader(Block data) {
        this.data = data;
        Box b = data.box();
        this.info = VolumeInfo.ofSlices(b.depth(), b.height(), b.width(), data.type(), Optional.empty());
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, "memory");
        reads++;
        largestRead = Math.max(largestRead, box.voxels());
        return data.crop(box);
    }

    @Override
    public void close() {
    }
}
