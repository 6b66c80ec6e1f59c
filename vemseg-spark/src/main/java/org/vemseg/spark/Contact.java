package org.vemseg.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.volume.Box;

/**
 * The labels of one block in the layer next to one neighbouring block (a face, an edge or a corner voxel): the
 * two contacts of a pair of blocks say which of their components touch, without the rest of their voxels.
 *
 * @param block the block the labels belong to (its own numbering)
 * @param box the layer, in volume coordinates
 * @param labels the block's labels in {@code box}, x fastest
 */
record Contact(int block, Box box, int[] labels) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The key of the pair of blocks {@code a} and {@code b}, the same from either side. */
    static long pairKey(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /** A component as one number: the block in the high 32 bits, its label in the block in the low ones. */
    static long node(int block, int label) {
        return ((long) block << 32) | label;
    }

    /**
     * The pairs of components, one of this block and one of {@code other}'s, that have touching voxels under
     * {@code c}; each pair once, as {@link #node nodes} {@code {this, other}}.
     */
    List<long[]> touching(Contact other, Connectivity c, boolean perSlice) {
        // Both labels of a pair in one long: most neighbouring voxels repeat the pair just seen, the set sees few.
        Set<Long> seen = new LinkedHashSet<>();
        long last = 0;
        for (int[] o : Contacts.offsets(c, perSlice)) {
            // Voxels p here whose neighbour p + o lies in the other layer.
            Box common = box.intersect(other.box.translate(-o[0], -o[1], -o[2]));
            for (long z = common.z(); z < common.end(0); z++) {
                for (long y = common.y(); y < common.end(1); y++) {
                    for (long x = common.x(); x < common.end(2); x++) {
                        int a = label(z, y, x);
                        int b = a == 0 ? 0 : other.label(z + o[0], y + o[1], x + o[2]);
                        long pair = ((long) a << 32) | b;
                        if (b != 0 && pair != last) {
                            seen.add(pair);
                            last = pair;
                        }
                    }
                }
            }
        }
        List<long[]> out = new ArrayList<>(seen.size());
        for (long p : seen) {
            out.add(new long[] {node(block, (int) (p >>> 32)), node(other.block, (int) p)});
        }
        return out;
    }

    private int label(long z, long y, long x) {
        return labels[(int) (((z - box.z()) * box.height() + (y - box.y())) * box.width() + (x - box.x()))];
    }

    /** Whether no voxel of the layer belongs to a component (such a contact touches nothing). */
    boolean empty() {
        for (int l : labels) {
            if (l != 0) {
                return false;
            }
        }
        return true;
    }
}
