package org.vemseg.core.io.zarr;

import java.util.Optional;
import org.vemseg.core.io.MissingChunks;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * Reads one Zarr array (a plain array or one level of an OME-Zarr image) as a volume. Lazy: a read decodes
 * only the chunks the box touches. Holds no open files, so it is thread-safe and closing is a no-op.
 */
final class ZarrVolumeReader implements VolumeReader {

    private final ZarrArray array;
    private final VolumeInfo info;
    private final String description;

    ZarrVolumeReader(ZarrArray array, Optional<VoxelSize> voxelSize, String description) {
        this.array = array;
        long[] s = array.metadata().shape3();
        this.info = new VolumeInfo(s[0], s[1], s[2], array.dataType(), voxelSize, array.chunk());
        this.description = description;
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, array.path());
        return array.read(box);
    }

    @Override
    public Optional<MissingChunks> missingChunks() {
        long total = array.chunkCount();
        long missing = total - array.storedChunks();
        return missing > 0 ? Optional.of(new MissingChunks(missing, total)) : Optional.empty();
    }

    @Override
    public String describeFormat() {
        return description;
    }

    @Override
    public void close() {
        // nothing held open: every chunk read opens and closes its own file
    }
}
