package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A writer that assembles the blocks it receives into one in-memory block, enforcing the
 * {@link VolumeWriter} contract: blocks are grid boxes, written once, in grid order if sequential.
 * As a {@link ChunkSink} it can start from an earlier, partial result (resume).
 */
final class InMemoryVolumeWriter implements VolumeWriter, ChunkSink {

    private final VolumeInfo info;
    private final boolean sequential;
    private final Block result;
    private final List<Box> grid;
    private final Set<Box> written = new HashSet<>();
    private final Set<Box> fromEarlierRun = new HashSet<>();
    private int nextInOrder;
    private boolean committed;

    InMemoryVolumeWriter(long depth, long height, long width, DataType type, int[] chunk, boolean sequential) {
        this.info = new VolumeInfo(depth, height, width, type, Optional.empty(), chunk);
        this.sequential = sequential;
        this.result = Block.allocate(info.bounds(), type);
        this.grid = BlockGrid.of(info);
    }

    /** Marks grid blocks as already stored by an earlier run, with {@code value} in every voxel. */
    void preWritten(Set<Box> blocks, double value) {
        for (Box b : blocks) {
            assertTrue(grid.contains(b), b + " is not a grid block");
            Block fill = Block.allocate(b, info.dataType());
            for (int i = 0; i < fill.size(); i++) {
                fill.set(i, value);
            }
            result.copyFrom(fill);
            fromEarlierRun.add(b);
        }
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public boolean isSequential() {
        return sequential;
    }

    @Override
    public boolean isWritten(Box box) {
        return fromEarlierRun.contains(box);
    }

    @Override
    public synchronized void write(Block block) {
        Box b = block.box();
        assertEquals(info.dataType(), block.type(), "block type");
        assertTrue(grid.contains(b),
                b + " is not a block of the chunk grid " + java.util.Arrays.toString(info.chunk()));
        assertFalse(fromEarlierRun.contains(b), b + " was already written by an earlier run");
        assertTrue(written.add(b), b + " written twice");
        if (sequential) {
            while (nextInOrder < grid.size() && fromEarlierRun.contains(grid.get(nextInOrder))) {
                nextInOrder++;
            }
            assertEquals(grid.get(nextInOrder), b, "sequential writer got a block out of order");
            nextInOrder++;
        }
        result.copyFrom(block);
    }

    @Override
    public void commit() {
        assertEquals(grid.size(), written.size() + fromEarlierRun.size(), "blocks missing at commit");
        committed = true;
    }

    /** The assembled volume; only after every block arrived. */
    Block result() {
        assertTrue(committed || written.size() + fromEarlierRun.size() == grid.size(), "not all blocks were written");
        return result;
    }

    int blocksWritten() {
        return written.size();
    }

    @Override
    public void close() {
    }
}
