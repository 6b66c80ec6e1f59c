package org.vemseg.core.io;

import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/** Entry points: open any readable volume, create any writable one. */
public final class Volumes {

    private Volumes() {
    }

    /** Opens {@code path[:/dataset]} in whatever supported format it is. */
    public static VolumeReader open(String location) {
        return open(VolumeLocation.parse(location));
    }

    public static VolumeReader open(VolumeLocation location) {
        return Format.forReading(location).format().open(location);
    }

    /**
     * Opens, on a worker of a cluster, an input that the driver opened to plan the work: an I/O error (typically, no
     * such file) adds that the input must be on storage every node sees, at the same path, and a volume of another
     * shape than the driver's {@code planned} is refused, so that no worker computes from other data.
     *
     * @throws VemsegException.IO if the worker cannot open it
     * @throws VemsegException.InvalidInput if it has another shape
     */
    public static VolumeReader openOnWorker(VolumeLocation location, Box planned) {
        VolumeReader reader;
        try {
            reader = open(location);
        } catch (VemsegException.IO e) {
            throw new VemsegException.IO(e.getMessage() + " (on a worker: the input must be on storage every node "
                    + "sees, at the same path)", e);
        }
        Box seen = reader.info().bounds();
        if (!seen.equals(planned)) {
            reader.close();
            throw new VemsegException.InvalidInput(location + ": a worker sees a volume of " + seen.shapeString()
                    + ", but the driver planned " + planned.shapeString());
        }
        return reader;
    }

    /** Creates a writer for {@code path}, choosing the format from the extension. */
    public static VolumeWriter create(String location, VolumeInfo info, WriteOptions options) {
        return create(VolumeLocation.parse(location), info, options);
    }

    public static VolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        return Format.forWriting(location).format().create(location, info, options);
    }

    /** Creates a writer that an interrupted run can continue (OME-Zarr only); see {@link ResumableWriter}. */
    public static ResumableWriter createResumable(VolumeLocation location, VolumeInfo info, WriteOptions options,
            boolean resume) {
        return Format.forWriting(location).format().createResumable(location, info, options, resume);
    }

    /**
     * Writes a volume held in memory (a small one: tests, demos, results of 2D tools) and commits it. The
     * block is written from the origin whatever its box.
     */
    public static VolumeInfo write(VolumeLocation location, Block data, Optional<VoxelSize> voxelSize,
            WriteOptions options) {
        Box b = data.box();
        Block atOrigin = data.moveTo(0, 0, 0);
        VolumeInfo info = VolumeInfo.ofSlices(b.depth(), b.height(), b.width(), data.type(), voxelSize);
        try (VolumeWriter w = create(location, info, options)) {
            for (Box block : BlockGrid.of(w.info())) {
                w.write(block.equals(atOrigin.box()) ? atOrigin : atOrigin.crop(block));
            }
            w.commit();
            return w.info();
        }
    }
}
