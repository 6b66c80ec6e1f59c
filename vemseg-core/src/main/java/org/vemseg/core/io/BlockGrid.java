package org.vemseg.core.io;

import java.util.AbstractList;
import java.util.List;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A volume's bounds cut into blocks of a fixed shape, in z-y-x order. Border blocks are truncated to
 * the bounds, so blocks never extend outside the volume. The list is computed on access, not stored.
 */
public final class BlockGrid extends AbstractList<Box> {

    private final Box bounds;
    private final int[] blockShape;
    private final long[] counts = new long[3];
    private final int size;

    public BlockGrid(Box bounds, int[] blockShape) {
        this.bounds = bounds;
        this.blockShape = blockShape.clone();
        long total = 1;
        for (int d = 0; d < 3; d++) {
            if (blockShape[d] <= 0) {
                throw new IllegalArgumentException("block shape must be positive, was "
                        + blockShape[0] + "x" + blockShape[1] + "x" + blockShape[2]);
            }
            counts[d] = (bounds.size(d) + blockShape[d] - 1) / blockShape[d];
            total *= counts[d];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many blocks (" + total + "); use larger blocks");
        }
        this.size = (int) total;
    }

    /** The grid of a volume's own chunks. */
    public static BlockGrid of(VolumeInfo info) {
        return new BlockGrid(info.bounds(), info.chunk());
    }

    /** Number of blocks along an axis. */
    public long count(int axis) {
        return counts[axis];
    }

    public int[] blockShape() {
        return blockShape.clone();
    }

    /** Grid position (z, y, x) of the i-th block. */
    public long[] position(int i) {
        long gx = i % counts[2];
        long rest = i / counts[2];
        return new long[] {rest / counts[1], rest % counts[1], gx};
    }

    /**
     * The index of the block that starts at {@code box}'s corner, or -1 if no block does (outside the bounds, or not
     * on the grid). Constant time, unlike {@link #indexOf(Object)}.
     */
    public int indexAt(Box box) {
        long i = 0;
        for (int d = 0; d < 3; d++) {
            long offset = box.min(d) - bounds.min(d);
            if (offset < 0 || offset % blockShape[d] != 0 || offset / blockShape[d] >= counts[d]) {
                return -1;
            }
            i = i * counts[d] + offset / blockShape[d];
        }
        return (int) i;
    }

    @Override
    public Box get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        long[] p = position(i);
        long[] min = new long[3];
        long[] sz = new long[3];
        for (int d = 0; d < 3; d++) {
            min[d] = bounds.min(d) + p[d] * blockShape[d];
            sz[d] = Math.min(blockShape[d], bounds.end(d) - min[d]);
        }
        return Box.of(min, sz);
    }

    @Override
    public int size() {
        return size;
    }

    /** All blocks as an unmodifiable list view. */
    public List<Box> boxes() {
        return this;
    }
}
