package org.vemseg.core.io.slices;

import org.vemseg.core.volume.DataType;

/**
 * What one slice file's header says: its size in pixels and the voxel type its samples map to. Read
 * without decoding pixels; every slice of a volume must have the same header.
 */
record SliceHeader(int width, int height, DataType dataType) {

    /** {@code "height x width type"}, in vemseg's (y, x) order. */
    @Override
    public String toString() {
        return height + " x " + width + " " + dataType;
    }
}
