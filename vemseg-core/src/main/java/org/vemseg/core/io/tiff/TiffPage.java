package org.vemseg.core.io.tiff;

import org.vemseg.core.volume.DataType;

/**
 * The layout of one image page (one z slice) as parsed from its IFD: shape, sample type, compression,
 * predictor and where its segments (strips or tiles) lie in the file. Strips are treated as tiles one
 * image wide, so both are addressed as a grid of {@code segmentWidth x segmentHeight} segments, the
 * segment at grid (row, column) having index {@code row * segmentsAcross() + column}.
 *
 * @param offsets    file offset of each segment
 * @param byteCounts stored (possibly compressed) byte count of each segment
 */
record TiffPage(int width, int height, DataType type, TiffCompression compression, int predictor, boolean tiled,
        int segmentWidth, int segmentHeight, long[] offsets, long[] byteCounts) {

    int segmentsAcross() {
        return (width + segmentWidth - 1) / segmentWidth;
    }

    int segmentsDown() {
        return (height + segmentHeight - 1) / segmentHeight;
    }

    int segmentCount() {
        return segmentsAcross() * segmentsDown();
    }

    /** Bytes of one row of one segment. */
    long segmentRowBytes() {
        return (long) segmentWidth * type.bytes();
    }

    /** Rows stored in segment {@code i}: tiles are always full; the last strip may be shorter. */
    int segmentRows(int i) {
        if (tiled) {
            return segmentHeight;
        }
        return Math.min(segmentHeight, height - (i / segmentsAcross()) * segmentHeight);
    }

    /** Decoded size of segment {@code i} in bytes. */
    long segmentBytes(int i) {
        return segmentRows(i) * segmentRowBytes();
    }

    /** Whether the voxels are stored as they are (no compression). */
    boolean isRaw() {
        return compression == TiffCompression.NONE;
    }
}
