package org.vemseg.core.predict;

import java.util.Optional;
import java.util.function.Predicate;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Where a prediction writes its output: blocks aligned to a chunk grid, plus, for resumable outputs,
 * which chunks an earlier, interrupted run already finished.
 *
 * <p>A plain {@link VolumeWriter} is a sink with nothing finished ({@link #of(VolumeWriter)}). A chunked
 * store that keeps chunks as separate objects (OME-Zarr) can implement {@link #isWritten(Box)} by asking
 * whether the chunk exists, so a restarted prediction skips finished chunks. Such a store must make a
 * chunk visible atomically (write to a temporary name, then rename), so an existing chunk is complete.
 *
 * <p>Committing or closing the underlying output is the caller's job.
 */
public interface ChunkSink {

    /** Shape, type and chunk grid; blocks are the boxes of {@link BlockGrid#of(VolumeInfo)}. */
    VolumeInfo info();

    /** Whether blocks must arrive in grid order (z, then y, then x), as for a TIFF stack. */
    default boolean isSequential() {
        return false;
    }

    /** Whether the grid block {@code box} is already stored from an earlier run and can be skipped. */
    default boolean isWritten(Box box) {
        return false;
    }

    /** Stores one grid block of the sink's data type. Called from one thread at a time. */
    void write(Block block);

    /**
     * Whether a grid block is finished in {@code output} and, if there is one, in {@code uncertainty}: a block
     * missing from either must be predicted again, since both come from the same network calls.
     */
    static Predicate<Box> writtenInAll(ChunkSink output, Optional<ChunkSink> uncertainty) {
        return b -> output.isWritten(b) && uncertainty.map(s -> s.isWritten(b)).orElse(true);
    }

    /** A sink writing to {@code writer} that skips the blocks an interrupted earlier run finished. */
    static ChunkSink of(ResumableWriter writer) {
        return new ChunkSink() {
            @Override
            public VolumeInfo info() {
                return writer.info();
            }

            @Override
            public boolean isWritten(Box box) {
                return writer.isWritten(box);
            }

            @Override
            public void write(Block block) {
                writer.write(block);
            }
        };
    }

    /** A sink writing to {@code writer}; nothing counts as already written. */
    static ChunkSink of(VolumeWriter writer) {
        return new ChunkSink() {
            @Override
            public VolumeInfo info() {
                return writer.info();
            }

            @Override
            public boolean isSequential() {
                return writer.isSequential();
            }

            @Override
            public void write(Block block) {
                writer.write(block);
            }
        };
    }
}
