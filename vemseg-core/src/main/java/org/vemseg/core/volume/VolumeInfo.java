package org.vemseg.core.volume;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a reader knows about a volume before reading voxels: shape in (z, y, x), voxel type, voxel size
 * if the file records one, and the natural access unit ({@code chunk}, z-y-x) in which the file stores
 * voxels, e.g. {@code (1, rowsPerStrip, width)} for a TIFF page or the chunk shape of a Zarr array.
 * Reading whole chunks is cheapest.
 */
public record VolumeInfo(long depth, long height, long width, DataType dataType, Optional<VoxelSize> voxelSize,
        int[] chunk) {

    public VolumeInfo {
        if (depth <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "volume shape must be positive, was " + depth + " x " + height + " x " + width);
        }
        if (chunk.length != 3 || chunk[0] <= 0 || chunk[1] <= 0 || chunk[2] <= 0) {
            throw new IllegalArgumentException("chunk must be three positive sizes, was " + Arrays.toString(chunk));
        }
        chunk = chunk.clone();
    }

    /** A volume stored as whole 2D slices (the chunk is one slice). */
    public static VolumeInfo ofSlices(long depth, long height, long width, DataType type,
            Optional<VoxelSize> voxelSize) {
        return new VolumeInfo(depth, height, width, type, voxelSize,
                new int[] {1, (int) Math.min(height, Integer.MAX_VALUE), (int) Math.min(width, Integer.MAX_VALUE)});
    }

    @Override
    public int[] chunk() {
        return chunk.clone();
    }

    /** The box covering the whole volume. */
    public Box bounds() {
        return Box.ofShape(depth, height, width);
    }

    public long[] shape() {
        return new long[] {depth, height, width};
    }

    public long voxels() {
        return depth * height * width;
    }

    public long bytes() {
        return voxels() * dataType.bytes();
    }

    public VolumeInfo withDataType(DataType type) {
        return new VolumeInfo(depth, height, width, type, voxelSize, chunk);
    }

    public VolumeInfo withVoxelSize(Optional<VoxelSize> size) {
        return new VolumeInfo(depth, height, width, dataType, size, chunk);
    }

    public VolumeInfo withChunk(int[] newChunk) {
        return new VolumeInfo(depth, height, width, dataType, voxelSize, newChunk);
    }

    /** The same info with the shape of {@code box} (a crop keeps type, voxel size and chunking). */
    public VolumeInfo withShape(Box box) {
        int[] c = {(int) Math.min(chunk[0], box.depth()), (int) Math.min(chunk[1], box.height()),
            (int) Math.min(chunk[2], box.width())};
        return new VolumeInfo(box.depth(), box.height(), box.width(), dataType, voxelSize, c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeInfo v && depth == v.depth && height == v.height && width == v.width
                && dataType == v.dataType && voxelSize.equals(v.voxelSize) && Arrays.equals(chunk, v.chunk);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {depth, height, width, dataType, voxelSize}) * 31 + Arrays.hashCode(chunk);
    }

    @Override
    public String toString() {
        return depth + " x " + height + " x " + width + " " + dataType
                + voxelSize.map(v -> ", voxel " + v).orElse(", voxel size unknown")
                + ", chunk " + chunk[0] + "x" + chunk[1] + "x" + chunk[2];
    }
}
