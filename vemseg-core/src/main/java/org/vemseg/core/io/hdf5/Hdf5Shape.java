package org.vemseg.core.io.hdf5;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an HDF5 dataset's dimensions map onto a vemseg volume (z, y, x): the last three dimensions are
 * z, y, x; a 2D dataset is one slice (1 x H x W); dimensions before the last three must be 1 (squeezed,
 * e.g. a channel or batch axis of size 1).
 *
 * @param dims the dataset's dimensions, slowest first (HDF5 / C order)
 * @param zyx the volume shape
 */
record Hdf5Shape(long[] dims, long[] zyx) {

    Hdf5Shape {
        dims = dims.clone();
        zyx = zyx.clone();
    }

    /** The volume view of {@code dims}, or empty if the dataset is not a 2D or 3D volume. */
    static Optional<Hdf5Shape> of(long[] dims) {
        int rank = dims.length;
        if (rank < 2 || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
            return Optional.empty();
        }
        if (rank == 2) {
            return Optional.of(new Hdf5Shape(dims, new long[] {1, dims[0], dims[1]}));
        }
        for (int d = 0; d < rank - 3; d++) {
            if (dims[d] != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(new Hdf5Shape(dims, Arrays.copyOfRange(dims, rank - 3, rank)));
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public long[] zyx() {
        return zyx.clone();
    }

    int rank() {
        return dims.length;
    }

    /** The dataset-rank offset of volume voxel {@code (z, y, x)}. */
    long[] offset(long z, long y, long x) {
        long[] o = new long[dims.length];
        place(o, z, y, x);
        return o;
    }

    /** The dataset-rank extent of a {@code depth x height x width} box (squeezed dimensions are 1). */
    int[] extent(long depth, long height, long width) {
        long[] e = new long[dims.length];
        Arrays.fill(e, 1);
        place(e, depth, height, width);
        return Arrays.stream(e).mapToInt(Math::toIntExact).toArray();
    }

    /** Writes a z, y, x triple into the last dimensions (a 2D dataset has no z, which is then 0 or 1). */
    private void place(long[] target, long z, long y, long x) {
        int r = dims.length;
        target[r - 1] = x;
        target[r - 2] = y;
        if (r >= 3) {
            target[r - 3] = z;
        }
    }

    /** The volume's chunk from the dataset's chunk dimensions (same rank as {@link #dims()}). */
    int[] volumeChunk(int[] chunkDims) {
        int r = chunkDims.length;
        return new int[] {r >= 3 ? chunkDims[r - 3] : 1, chunkDims[r - 2], chunkDims[r - 1]};
    }

    /** {@code "10 x 256 x 384"} in the dataset's own dimensions. */
    static String describe(long[] dims) {
        return dims.length == 0 ? "scalar" : String.join(" x ", Arrays.stream(dims).mapToObj(Long::toString).toList());
    }
}
