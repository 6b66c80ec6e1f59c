package org.vemseg.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.volume.Box;

/**
 * The blocks of a distributed labelling: whole chunks of the label output (so a task writes whole chunks), grown
 * to about {@code targetVoxels} each, and which neighbouring blocks can hold touching voxels.
 *
 * @param bounds the volume
 * @param chunk the label output's chunk (z, y, x)
 * @param block the block shape (z, y, x), a multiple of the chunk
 */
record LabellingGrid(Box bounds, int[] chunk, int[] block) implements Serializable {

    private static final long serialVersionUID = 1L;

    LabellingGrid {
        chunk = chunk.clone();
        block = block.clone();
    }

    /**
     * Blocks of whole chunks, grown one chunk at a time along the shortest axis (near-cubes have the smallest
     * faces to exchange) while they hold at most {@code targetVoxels}.
     */
    static LabellingGrid of(Box bounds, int[] chunk, long targetVoxels) {
        int[] block = chunk.clone();
        while (true) {
            int grow = -1;
            for (int d = 0; d < 3; d++) {
                boolean room = block[d] < bounds.size(d)
                        && (long) block[0] * block[1] * block[2] / block[d] * (block[d] + chunk[d]) <= targetVoxels;
                if (room && (grow < 0 || block[d] < block[grow])) {
                    grow = d;
                }
            }
            if (grow < 0) {
                return new LabellingGrid(bounds, chunk, block);
            }
            block[grow] += chunk[grow];
        }
    }

    @Override
    public int[] chunk() {
        return chunk.clone();
    }

    @Override
    public int[] block() {
        return block.clone();
    }

    BlockGrid grid() {
        return new BlockGrid(bounds, block);
    }

    int size() {
        return grid().size();
    }

    Box box(int i) {
        return grid().get(i);
    }

    /** The output chunks that make up block {@code i}. */
    List<Box> chunks(int i) {
        Box b = box(i);
        return new BlockGrid(b, chunk).boxes();
    }

    /**
     * The neighbours of block {@code i} that voxels of it can touch under {@code c} (faces for 6, edges too for 18,
     * corners too for 26; only within the slice for {@code perSlice}), each with the part of block {@code i} next
     * to it.
     */
    List<Neighbour> neighbours(int i, Connectivity c, boolean perSlice) {
        BlockGrid g = grid();
        long[] p = g.position(i);
        Box b = g.get(i);
        List<Neighbour> out = new ArrayList<>();
        for (int[] o : Contacts.offsets(c, perSlice)) {
            long[] q = new long[3];
            long[] min = new long[3];
            long[] size = new long[3];
            boolean inside = true;
            for (int d = 0; d < 3; d++) {
                q[d] = p[d] + o[d];
                inside &= q[d] >= 0 && q[d] < g.count(d);
                min[d] = o[d] > 0 ? b.end(d) - 1 : b.min(d);
                size[d] = o[d] == 0 ? b.size(d) : 1;
            }
            if (inside) {
                int j = (int) ((q[0] * g.count(1) + q[1]) * g.count(2) + q[2]);
                out.add(new Neighbour(j, Box.of(min, size)));
            }
        }
        return out;
    }

    /**
     * A neighbouring block and the contact region: the part of this block (one layer thick towards the
     * neighbour) whose voxels can touch it.
     */
    record Neighbour(int block, Box contact) {
    }
}
