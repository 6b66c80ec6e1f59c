package org.vemseg.core.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vemseg.core.metrics.MemoryVolume;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class ConnectedComponentsTest {

    @Test
    void diagonalPairIsTwoObjectsWithSixAndOneWithTwentySix() {
        Mask m = Mask.empty(4, 4, 4);
        m.set(1, 1, 1, true);
        m.set(2, 2, 2, true); // touches (1,1,1) only at a corner
        assertEquals(2, ConnectedComponents.label(m, Connectivity.SIX).count());
        assertEquals(2, ConnectedComponents.label(m, Connectivity.EIGHTEEN).count());
        assertEquals(1, ConnectedComponents.label(m, Connectivity.TWENTY_SIX).count());
    }

    @Test
    void edgeNeighboursJoinWithEighteenButNotSix() {
        Mask m = Mask.empty(3, 3, 3);
        m.set(0, 0, 0, true);
        m.set(1, 1, 0, true); // shares an edge (z, y differ)
        assertEquals(2, ConnectedComponents.label(m, Connectivity.SIX).count());
        assertEquals(1, ConnectedComponents.label(m, Connectivity.EIGHTEEN).count());
    }

    @Test
    void labelsAreInScanOrderAndSizesAreRight() {
        Mask m = Mask.empty(5, 6, 7);
        m.set(0, 0, 5, true);
        m.set(0, 0, 6, true);
        m.set(3, 2, 1, true);
        m.set(4, 2, 1, true);
        m.set(4, 2, 2, true);
        LabelVolume l = ConnectedComponents.label(m, Connectivity.SIX);
        assertEquals(2, l.count());
        assertEquals(1, l.get(0, 0, 5));
        assertEquals(2, l.get(4, 2, 2));
        assertEquals(3, l.sizes()[2]);
    }

    @Test
    void emptyMaskHasNoObjects() {
        assertEquals(0, ConnectedComponents.label(Mask.empty(3, 3, 3), Connectivity.TWENTY_SIX).count());
    }

    @Test
    void agreesWithFloodFillOnRandomVolumes() {
        Random r = new Random(7);
        for (Connectivity c : Connectivity.values()) {
            for (int trial = 0; trial < 5; trial++) {
                Mask m = Mask.empty(9 + trial, 11, 13);
                for (int i = 0; i < m.size(); i++) {
                    m.voxels()[i] = (byte) (r.nextDouble() < 0.35 ? 1 : 0);
                }
                LabelVolume fast = ConnectedComponents.label(m, c);
                int[] slow = floodFill(m, c);
                assertSamePartition(fast.labels(), slow);
            }
        }
    }

    @Test
    void streamingSlabBySlabGivesTheSameLabels() {
        Random r = new Random(5);
        Block b = Block.allocate(Box.ofShape(23, 17, 19), DataType.FLOAT32);
        float[] f = b.floats();
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextFloat();
        }
        Mask m = Thresholding.apply(b, 0.6, "random");
        for (Connectivity c : Connectivity.values()) {
            LabelVolume inMemory = ConnectedComponents.label(m, c);
            // About 3 slices per slab: 8 slabs, seams between them.
            RunLabels streamed = ConnectedComponents.label(MemoryVolume.of(b), 0.6, "random", c, false, 3L * 17 * 19);
            assertEquals(inMemory.count(), streamed.count());
            assertArrayEquals(inMemory.labels(), streamed.toLabelVolume().labels());
            assertArrayEquals(inMemory.sizes(), streamed.sizes());
            // Reading a box from the runs equals cropping the painted labels.
            int[] box = new int[4 * 5 * 6];
            streamed.read(7, 3, 2, 4, 5, 6, box);
            int[] expected = new int[box.length];
            inMemory.read(7, 3, 2, 4, 5, 6, expected);
            assertArrayEquals(expected, box);
            assertEquals(inMemory.get(8, 4, 3), box[(1 * 5 + 1) * 6 + 1]);
            RunLabels big = streamed.withMinSize(3);
            assertArrayEquals(inMemory.withMinSize(3).labels(), big.toLabelVolume().labels());
        }
    }

    @Test
    void perSliceLabellingKeepsSlicesApart() {
        Mask m = Mask.empty(3, 4, 4);
        for (int z = 0; z < 3; z++) {
            m.set(z, 1, 1, true);
            m.set(z, 2, 2, true); // diagonal in-plane: 8-connected, not 4-connected
        }
        assertEquals(2, RunLabels.of(m, Connectivity.SIX, false).count()); // two columns through z
        assertEquals(1, RunLabels.of(m, Connectivity.EIGHTEEN, false).count());
        assertEquals(6, RunLabels.of(m, Connectivity.SIX, true).count());
        assertEquals(3, RunLabels.of(m, Connectivity.TWENTY_SIX, true).count());
    }

    /** Both labelings induce the same partition: a bijection between their labels. */
    static void assertSamePartition(int[] a, int[] b) {
        java.util.Map<Integer, Integer> ab = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> ba = new java.util.HashMap<>();
        for (int n = 0; n < a.length; n++) {
            final int i = n;
            assertEquals(a[i] == 0, b[i] == 0, "foreground differs at " + i);
            if (a[i] != 0) {
                assertEquals(ab.computeIfAbsent(a[i], k -> b[i]), b[i], "label " + a[i] + " maps to two labels");
                assertEquals(ba.computeIfAbsent(b[i], k -> a[i]), a[i], "label " + b[i] + " maps to two labels");
            }
        }
    }

    static int[] floodFill(Mask m, Connectivity c) {
        int d = m.depth();
        int h = m.height();
        int w = m.width();
        int[] out = new int[m.size()];
        int next = 0;
        for (int start = 0; start < out.length; start++) {
            if (m.voxels()[start] == 0 || out[start] != 0) {
                continue;
            }
            next++;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(start);
            out[start] = next;
            while (!q.isEmpty()) {
                int i = q.poll();
                int z = i / (h * w);
                int y = i / w % h;
                int x = i % w;
                for (int dz = -1; dz <= 1; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nz = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
                            if (nz == 0 || (c == Connectivity.SIX && nz > 1)
                                    || (c == Connectivity.EIGHTEEN && nz > 2)) {
                                continue;
                            }
                            int zz = z + dz;
                            int yy = y + dy;
                            int xx = x + dx;
                            if (zz < 0 || yy < 0 || xx < 0 || zz >= d || yy >= h || xx >= w) {
                                continue;
                            }
                            int j = m.index(zz, yy, xx);
                            if (m.voxels()[j] != 0 && out[j] == 0) {
                                out[j] = next;
                                q.add(j);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
