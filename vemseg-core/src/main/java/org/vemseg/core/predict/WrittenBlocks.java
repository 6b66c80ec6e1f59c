package org.vemseg.core.predict;

import java.util.BitSet;
import java.util.function.Predicate;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.volume.Box;

/**
 * Which blocks of an output grid an earlier run finished, looked up once: asking a chunked store whether a chunk
 * exists costs a file-system call per chunk, which adds up on shared file systems with millions of chunks, so a job
 * scans once and answers every later question from here. One bit per block.
 */
public final class WrittenBlocks implements Predicate<Box> {

    private final BlockGrid grid;
    private final BitSet written;

    private WrittenBlocks(BlockGrid grid, BitSet written) {
        this.grid = grid;
        this.written = written;
    }

    /** Nothing written: a new output (no question need be asked). */
    public static WrittenBlocks none(BlockGrid grid) {
        return new WrittenBlocks(grid, new BitSet());
    }

    /** The blocks of {@code grid} for which {@code written} holds, each asked once. */
    public static WrittenBlocks scan(BlockGrid grid, Predicate<Box> written) {
        BitSet bits = new BitSet(grid.size());
        for (int i = 0, n = grid.size(); i < n; i++) {
            if (written.test(grid.get(i))) {
                bits.set(i);
            }
        }
        return new WrittenBlocks(grid, bits);
    }

    /** Whether the grid block {@code box} was written (false for boxes that are not blocks of the grid). */
    @Override
    public boolean test(Box box) {
        int i = grid.indexAt(box);
        return i >= 0 && written.get(i) && grid.get(i).equals(box);
    }

    /** The number of blocks written. */
    public long blocks() {
        return written.cardinality();
    }

    /** The voxels of the blocks written. */
    public long voxels() {
        long v = 0;
        for (int i = written.nextSetBit(0); i >= 0; i = written.nextSetBit(i + 1)) {
            v += grid.get(i).voxels();
        }
        return v;
    }
}
