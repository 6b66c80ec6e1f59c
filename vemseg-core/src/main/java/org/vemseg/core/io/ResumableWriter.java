package org.vemseg.core.io;

import org.vemseg.core.Progress;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.volume.Box;

/**
 * A writer whose output survives an interruption: blocks already stored by an earlier run of the same
 * job are reported by {@link #isWritten(Box)} so the job can skip them. Closing without
 * {@link #commit()} keeps the partial output (it does not delete it, unlike a plain {@link VolumeWriter}).
 * Only formats that store each chunk as its own atomically written object can offer this (OME-Zarr).
 */
public interface ResumableWriter extends VolumeWriter {

    /** Whether the grid block {@code box} was completely written, in this run or an earlier one. */
    boolean isWritten(Box box);

    /** Whether this writer continues a partial output from an earlier run. */
    boolean resumed();

    /**
     * {@link #commit()}, with what the format derives from the written chunks (the coarser levels of an OME-Zarr
     * pyramid) computed by {@code runner}, e.g. on the cluster that wrote the chunks; reports to {@code progress}.
     */
    default void commit(ChunkRunner runner, Progress progress) {
        commit();
    }
}
