package org.vemseg.spark;

import java.util.Arrays;
import java.util.List;
import org.vemseg.core.objects.ObjectStatistics;
import org.vemseg.core.objects.UnionFind;

/**
 * The driver's merge of the blocks' components into objects: a union-find over all components joined by the
 * touching pairs, the size filter, and the numbering 1, 2, ... in the volume's scan order of each object's first
 * voxel, which is how the single-machine labelling numbers them. Only per-component numbers pass through here.
 *
 * @param count objects left after the size filter
 * @param stats their statistics, by object number
 * @param maps for each block, the object number of each of its components (0 = dropped by the size filter)
 */
record ObjectMerge(int count, ObjectStatistics stats, int[][] maps) {

    /**
     * @param blocks the components of every block, in block order
     * @param pairs touching components, as {@link Contact#node nodes}
     * @param minSize objects with fewer voxels are dropped (at most 1: none)
     */
    static ObjectMerge of(List<BlockComponents> blocks, List<long[]> pairs, long minSize) {
        int[] base = new int[blocks.size() + 1];
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b).block() != b) {
                throw new IllegalArgumentException("blocks out of order: " + blocks.get(b).block() + " at " + b);
            }
            base[b + 1] = Math.addExact(base[b], blocks.get(b).stats().count());
        }
        int nodes = base[blocks.size()];
        UnionFind sets = new UnionFind(nodes);
        for (long[] p : pairs) {
            sets.union(index(base, p[0]), index(base, p[1]));
        }
        // Roots are the smallest member, so one forward pass numbers the sets.
        int[] object = new int[nodes];
        int objects = 0;
        for (int i = 0; i < nodes; i++) {
            int r = sets.find(i);
            object[i] = r == i ? objects++ : object[r];
        }
        long[] voxels = new long[objects];
        long[] first = new long[objects];
        Arrays.fill(first, Long.MAX_VALUE);
        for (BlockComponents c : blocks) {
            for (int l = 1; l <= c.stats().count(); l++) {
                int k = object[base[c.block()] + l - 1];
                voxels[k] += c.stats().voxels(l);
                first[k] = Math.min(first[k], c.first()[l]);
            }
        }
        long[] keptFirsts = new long[objects];
        int kept = 0;
        for (int k = 0; k < objects; k++) {
            if (minSize <= 1 || voxels[k] >= minSize) {
                keptFirsts[kept++] = first[k];
            }
        }
        keptFirsts = Arrays.copyOf(keptFirsts, kept);
        Arrays.sort(keptFirsts); // distinct: no voxel is the first of two objects
        int[] number = new int[objects];
        for (int k = 0; k < objects; k++) {
            if (minSize <= 1 || voxels[k] >= minSize) {
                number[k] = Arrays.binarySearch(keptFirsts, first[k]) + 1;
            }
        }
        ObjectStatistics stats = new ObjectStatistics(kept);
        int[][] maps = new int[blocks.size()][];
        for (BlockComponents c : blocks) {
            int[] map = new int[c.stats().count() + 1];
            for (int l = 1; l < map.length; l++) {
                map[l] = number[object[base[c.block()] + l - 1]];
                if (map[l] > 0) {
                    stats.merge(map[l], c.stats(), l);
                }
            }
            maps[c.block()] = map;
        }
        return new ObjectMerge(kept, stats, maps);
    }

    private static int index(int[] base, long node) {
        return base[(int) (node >>> 32)] + (int) node - 1;
    }
}
