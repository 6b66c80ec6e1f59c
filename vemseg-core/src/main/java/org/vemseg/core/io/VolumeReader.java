package org.vemseg.core.io;

import java.util.Optional;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Lazy, random access to one volume on disk. Opening reads metadata only; {@link #read(Box)} reads
 * only the slices, strips or chunks that the box touches, so a reader never holds the whole volume.
 *
 * <p>Readers are safe to call from several threads at once unless the implementation says otherwise.
 * The caller closes the reader.
 */
public interface VolumeReader extends AutoCloseable {

    /** Shape, type, voxel size and natural chunking. Cheap; no voxel is read. */
    VolumeInfo info();

    /**
     * Reads the voxels of {@code box}, which must lie inside {@link VolumeInfo#bounds()}.
     *
     * @throws org.vemseg.core.VemsegException.Corrupt if the data on disk is truncated or inconsistent
     * @throws org.vemseg.core.VemsegException.IO if the file cannot be read
     */
    Block read(Box box);

    /** The whole volume as one block. Only for volumes known to be small. */
    default Block readAll() {
        return read(info().bounds());
    }

    /** One z slice. */
    default Block readSlice(long z) {
        VolumeInfo i = info();
        return read(new Box(z, 0, 0, 1, i.height(), i.width()));
    }

    /**
     * Chunks that have no file and so read as the fill value, counted from directory listings (no chunk is read),
     * if there are any; empty for formats that store every voxel.
     */
    default Optional<MissingChunks> missingChunks() {
        return Optional.empty();
    }

    /** Short human-readable format name, e.g. {@code "TIFF (LZW)"}, for {@code vemseg info}. */
    default String describeFormat() {
        return getClass().getSimpleName();
    }

    @Override
    void close();

    /** Throws a clear error if {@code box} is not inside the volume. Helper for implementations. */
    static void checkInside(VolumeInfo info, Box box, Object source) {
        if (!info.bounds().contains(box)) {
            throw new IllegalArgumentException("box " + box + " lies outside volume " + source + " of shape "
                    + info.bounds().shapeString());
        }
    }
}
