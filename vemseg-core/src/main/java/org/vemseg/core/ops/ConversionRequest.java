package org.vemseg.core.ops;

import java.util.Optional;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/**
 * What {@code vemseg convert} does.
 *
 * @param input       volume to read
 * @param output      volume to write (format from its extension)
 * @param crop        {@code "z0:z1,y0:y1,x0:x1"}, parsed against the input's shape
 * @param dataType    output voxel type (default: the input's)
 * @param rescale     map the input's [min, max] linearly onto the output type's range (0..1 for floats)
 * @param voxelSize   voxel size to record, overriding the input's
 * @param options     how to write
 * @param threads     worker threads
 * @param resume      continue the partial OME-Zarr output an interrupted conversion left, if the same conversion
 */
public record ConversionRequest(VolumeLocation input, VolumeLocation output, Optional<String> crop,
        Optional<DataType> dataType, boolean rescale, Optional<VoxelSize> voxelSize, WriteOptions options,
        int threads, boolean resume) {

    /** A conversion that starts afresh. */
    public ConversionRequest(VolumeLocation input, VolumeLocation output, Optional<String> crop,
            Optional<DataType> dataType, boolean rescale, Optional<VoxelSize> voxelSize, WriteOptions options,
            int threads) {
        this(input, output, crop, dataType, rescale, voxelSize, options, threads, false);
    }

    public ConversionRequest {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }
}
