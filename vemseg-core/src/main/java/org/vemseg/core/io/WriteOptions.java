package org.vemseg.core.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * How to write a volume. Everything is optional; each format picks sensible defaults (see the format
 * classes). Create with {@link #defaults()} and the {@code with*} methods.
 *
 * @param overwrite    replace an existing output; otherwise an existing output is an error
 * @param compression  compression, if the format supports the chosen one
 * @param chunk        chunk shape (z, y, x) for chunked formats (OME-Zarr)
 * @param sliceFormat  image type of each slice when writing a folder of slices
 * @param scaleLevels  number of resolution levels of an OME-Zarr pyramid, 0 = choose automatically
 * @param labels       the volume holds labels (classes or object ids): the coarser levels of an OME-Zarr pyramid
 *                     take the most frequent value of each window instead of the mean, which would invent ids
 */
public record WriteOptions(boolean overwrite, Optional<Compression> compression, Optional<int[]> chunk,
        Optional<SliceFormat> sliceFormat, int scaleLevels, boolean labels) {

    public WriteOptions {
        chunk = chunk.map(int[]::clone);
        if (chunk.isPresent() && (chunk.get().length != 3 || Arrays.stream(chunk.get()).anyMatch(c -> c <= 0))) {
            throw new IllegalArgumentException("chunk must be three positive sizes (z,y,x), was "
                    + Arrays.toString(chunk.get()));
        }
        if (scaleLevels < 0) {
            throw new IllegalArgumentException("scale levels must be >= 0, was " + scaleLevels);
        }
    }

    public static WriteOptions defaults() {
        return new WriteOptions(false, Optional.empty(), Optional.empty(), Optional.empty(), 0, false);
    }

    @Override
    public Optional<int[]> chunk() {
        return chunk.map(int[]::clone);
    }

    public WriteOptions withOverwrite(boolean o) {
        return new WriteOptions(o, compression, chunk, sliceFormat, scaleLevels, labels);
    }

    public WriteOptions withCompression(Compression c) {
        return new WriteOptions(overwrite, Optional.of(c), chunk, sliceFormat, scaleLevels, labels);
    }

    public WriteOptions withChunk(int[] c) {
        return new WriteOptions(overwrite, compression, Optional.of(c), sliceFormat, scaleLevels, labels);
    }

    public WriteOptions withSliceFormat(SliceFormat f) {
        return new WriteOptions(overwrite, compression, chunk, Optional.of(f), scaleLevels, labels);
    }

    public WriteOptions withScaleLevels(int levels) {
        return new WriteOptions(overwrite, compression, chunk, sliceFormat, levels, labels);
    }

    public WriteOptions withLabels(boolean l) {
        return new WriteOptions(overwrite, compression, chunk, sliceFormat, scaleLevels, l);
    }
}
