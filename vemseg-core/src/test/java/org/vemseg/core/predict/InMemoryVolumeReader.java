package org.vemseg.core.predict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/** A volume held in one block, read like a file; it records every box it was asked for. */
class InMemoryVolumeReader implements VolumeReader {

    private final Block data;
    private final VolumeInfo info;
    private final List<Box> requests = Collections.synchronizedList(new ArrayList<>());

    InMemoryVolumeReader(Block data) {
        this.data = data.moveTo(0, 0, 0);
        Box b = data.box();
        this.info = VolumeInfo.ofSlices(b.depth(), b.height(), b.width(), data.type(), java.util.Optional.empty());
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, "in-memory volume");
        requests.add(box);
        return data.crop(box);
    }

    List<Box> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
    }
}
