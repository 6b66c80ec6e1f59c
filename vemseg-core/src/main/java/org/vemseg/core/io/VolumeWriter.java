package org.vemseg.core.io;

import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Writes one volume, block by block, to a temporary location, and makes it visible at its target path
 * only on {@link #commit()}. Closing a writer that was not committed deletes the temporary data, so an
 * interrupted or failed write never leaves a half-written or clobbered output.
 *
 * <p>Blocks must be the boxes of {@link BlockGrid#of(VolumeInfo)} for this writer's {@link #info()}
 * (aligned to its chunk, truncated at the volume's border). Writers with {@link #isSequential()} need
 * them in grid order (z, then y, then x); others accept any order and concurrent calls.
 */
public interface VolumeWriter extends AutoCloseable {

    /** Shape, type, voxel size and the chunk that blocks must be aligned to. */
    VolumeInfo info();

    /** Whether blocks must arrive in grid order (formats with a sequential layout, like TIFF). */
    default boolean isSequential() {
        return false;
    }

    /** Writes one grid-aligned block of this writer's data type. */
    void write(Block block);

    /** Finishes the file and moves it to its target path. After this, {@link #close()} keeps it. */
    void commit();

    /** Releases resources; deletes the temporary output unless {@link #commit()} succeeded. */
    @Override
    void close();
}
