package org.vemseg.core.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.metrics.MemoryVolume;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

class PostProcessingTest {

    private static final PostProcessing FILL_2D = new PostProcessing(HoleFilling.SLICE, 1);
    private static final PostProcessing FILL_3D = new PostProcessing(HoleFilling.VOLUME, 1);

    @Test
    void removesObjectsSmallerThanTheMinimumAndCountsThem() {
        Mask m = Mask.empty(12, 12, 12);
        box(m, 1, 1, 1, 3); // 27 voxels
        box(m, 1, 6, 6, 5); // 125 voxels
        m.set(10, 10, 10, true); // 1 voxel
        PostProcessing.Result r = new PostProcessing(HoleFilling.NONE, 100).apply(m, Connectivity.TWENTY_SIX, false);
        assertEquals(1, r.labels().count());
        assertEquals(2, r.removedObjects());
        assertEquals(28, r.removedVoxels());
        assertEquals(125, r.labels().sizes()[1]);
        assertEquals(0, r.filledVoxels());
        // Exactly the minimum stays: "smaller than" is strict.
        assertEquals(2, new PostProcessing(HoleFilling.NONE, 27).apply(m, Connectivity.TWENTY_SIX, false).labels()
                .count());
    }

    @Test
    void aRingInOneSliceIsFilledIn2dButNotIn3d() {
        Mask m = Mask.empty(3, 7, 7);
        ring(m, 1, 1, 1, 5); // 5 x 5 ring, 3 x 3 hole in slice 1, open above and below
        assertEquals(9, FILL_2D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        assertEquals(0, FILL_3D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        Mask filled = FILL_2D.fillHoles(m, Connectivity.TWENTY_SIX);
        assertTrue(filled.get(1, 3, 3));
        assertEquals(25, filled.count());
        assertEquals(16, m.count(), "the input mask is not changed");
    }

    @Test
    void aClosedShellIsFilledInBothModes() {
        Mask m = Mask.empty(7, 7, 7);
        box(m, 1, 1, 1, 5);
        box(m, 2, 2, 2, 3, false); // 27-voxel cavity
        assertEquals(27, FILL_3D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        // Each of the three middle slices is a ring around 9 voxels.
        assertEquals(27, FILL_2D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        assertEquals(125, FILL_3D.apply(m, Connectivity.TWENTY_SIX, false).labels().sizes()[1]);
    }

    @Test
    void backgroundThatReachesTheBorderIsNoHole() {
        // A shell without its lid at z = 0: the cavity is open to the volume's top face, so it is no 3D hole,
        // though its slices are closed rings.
        Mask m = Mask.empty(5, 7, 7);
        box(m, 0, 1, 1, 5);
        box(m, 0, 2, 2, 4, 3, 3, false);
        assertEquals(0, FILL_3D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        assertEquals(36, FILL_2D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        // A C-shape whose gap reaches the slice's edge (ring cut by x = 0) is no hole either.
        Mask c = Mask.empty(1, 5, 5);
        ring(c, 0, 0, -1, 5);
        assertEquals(0, FILL_2D.apply(c, Connectivity.TWENTY_SIX, false).filledVoxels());
    }

    @Test
    void aDiagonallyClosedRingHasAHoleOnlyWhenDiagonalsConnectTheForeground() {
        // A diamond: its voxels touch only at corners, the centre is enclosed for 8-connected foreground.
        Mask m = Mask.empty(1, 5, 5);
        int[][] diamond = {{0, 2}, {1, 1}, {1, 3}, {2, 0}, {2, 4}, {3, 1}, {3, 3}, {4, 2}};
        for (int[] p : diamond) {
            m.set(0, p[0], p[1], true);
        }
        // The hole is the centre plus its four face neighbours, which the corners of the diamond do not reach.
        assertEquals(5, FILL_2D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        assertEquals(0, FILL_2D.apply(m, Connectivity.SIX, false).filledVoxels());
    }

    @Test
    void agreesWithFloodFillFromTheBorderOnRandomVolumes() {
        Random r = new Random(11);
        for (Connectivity c : Connectivity.values()) {
            for (int trial = 0; trial < 4; trial++) {
                Mask m = Mask.empty(6 + trial, 9, 11);
                for (int i = 0; i < m.size(); i++) {
                    m.voxels()[i] = (byte) (r.nextDouble() < 0.55 ? 1 : 0);
                }
                for (HoleFilling mode : new HoleFilling[] {HoleFilling.SLICE, HoleFilling.VOLUME}) {
                    byte[] expected = fillByFlood(m, c, mode);
                    Mask filled = new PostProcessing(mode, 1).fillHoles(m, c);
                    assertArrayEquals(expected, filled.voxels(), mode + " holes, connectivity " + c);
                }
            }
        }
    }

    @Test
    void streamingFromAVolumeGivesTheSameAsTheMaskInMemory() {
        Random r = new Random(3);
        Block b = Block.allocate(Box.ofShape(9, 13, 15), org.vemseg.core.volume.DataType.FLOAT32);
        float[] f = b.floats();
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextFloat();
        }
        PostProcessing p = new PostProcessing(HoleFilling.SLICE, 4);
        Mask m = Thresholding.apply(b, 0.5, "random");
        PostProcessing.Result inMemory = p.apply(m, Connectivity.SIX, false);
        PostProcessing.Result streamed = ConnectedComponents.label(MemoryVolume.of(b), 0.5, "random",
                Connectivity.SIX, false, p);
        assertArrayEquals(inMemory.labels().toLabelVolume().labels(), streamed.labels().toLabelVolume().labels());
        assertEquals(inMemory.filledVoxels(), streamed.filledVoxels());
        assertTrue(streamed.filledVoxels() > 0 && streamed.removedObjects() > 0, "the random mask has both");
        // The mask read back slice by slice is the labels' foreground.
        byte[] slice = new byte[13 * 15];
        streamed.labels().readMask(4, slice);
        int[] labels = streamed.labels().toLabelVolume().labels();
        for (int i = 0; i < slice.length; i++) {
            assertEquals(labels[4 * 13 * 15 + i] != 0 ? 1 : 0, slice[i]);
        }
    }

    @Test
    void negativeMinimumIsRefused() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> new PostProcessing(HoleFilling.NONE, -5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        assertThrows(VemsegException.InvalidInput.class, () -> HoleFilling.of("4d"));
        assertEquals(HoleFilling.VOLUME, HoleFilling.of("3D"));
    }

    /**
     * A real crop: Lucchi++ training slices 100-115, y 200-455, x 300-555, dark voxels (intensity below 100) as
     * the mask: membranes, mitochondria and noise, with many holes and small objects. The expected numbers
     * come from SciPy 1.10 ({@code ndimage.binary_fill_holes} per slice and in 3D with its default structures,
     * {@code ndimage.label} with a 3 x 3 x 3 structure for objects and sizes).
     */
    @Test
    void agreesWithScipyOnARealCrop() {
        Mask m;
        try (VolumeReader reader = Volumes.open(SharedData.require("lucchi-pp/train-images.tif").toString())) {
            Block b = reader.read(new Box(100, 200, 300, 16, 256, 256));
            byte[] v = new byte[b.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (byte) (b.get(i) < 100 ? 1 : 0);
            }
            m = new Mask(16, 256, 256, v);
        }
        assertEquals(99_143, m.count());
        assertEquals(1544, PostProcessing.none().apply(m, Connectivity.TWENTY_SIX, false).labels().count());
        assertEquals(8211, FILL_2D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        assertEquals(2172, FILL_3D.apply(m, Connectivity.TWENTY_SIX, false).filledVoxels());
        PostProcessing.Result both = new PostProcessing(HoleFilling.SLICE, 100).apply(m, Connectivity.TWENTY_SIX,
                false);
        assertEquals(19, both.labels().count());
        assertEquals(1544 - 19, both.removedObjects());
        long kept = 0;
        long[] sizes = both.labels().sizes();
        for (int l = 1; l < sizes.length; l++) {
            kept += sizes[l];
        }
        assertEquals(104_133, kept);
        assertEquals(m.count() + both.filledVoxels() - both.removedVoxels(), kept);
    }

    private static void box(Mask m, int z0, int y0, int x0, int n) {
        box(m, z0, y0, x0, n, true);
    }

    private static void box(Mask m, int z0, int y0, int x0, int n, boolean on) {
        box(m, z0, y0, x0, n, n, n, on);
    }

    private static void box(Mask m, int z0, int y0, int x0, int d, int h, int w, boolean on) {
        for (int z = z0; z < z0 + d; z++) {
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    m.set(z, y, x, on);
                }
            }
        }
    }

    /** The outline of an n x n square in slice z at (y0, x0); parts outside the mask are left out. */
    private static void ring(Mask m, int z, int y0, int x0, int n) {
        for (int y = y0; y < y0 + n; y++) {
            for (int x = x0; x < x0 + n; x++) {
                boolean edge = y == y0 || y == y0 + n - 1 || x == x0 || x == x0 + n - 1;
                if (edge && y >= 0 && x >= 0 && y < m.height() && x < m.width()) {
                    m.set(z, y, x, true);
                }
            }
        }
    }

    /**
     * The reference: the background's components by flood fill ({@link ConnectedComponentsTest#floodFill}) with
     * the connectivity complementary to the foreground's, in each slice on its own for 2D; the components that
     * touch no border (the slice's edge for 2D, also the volume's first and last slice for 3D) are filled.
     */
    private static byte[] fillByFlood(Mask m, Connectivity c, HoleFilling mode) {
        Connectivity background = c == Connectivity.SIX ? Connectivity.TWENTY_SIX : Connectivity.SIX;
        int d = m.depth();
        int plane = m.height() * m.width();
        byte[] out = new byte[m.size()];
        int parts = mode == HoleFilling.SLICE ? d : 1;
        int depth = d / parts;
        for (int part = 0; part < parts; part++) {
            Mask bg = new Mask(depth, m.height(), m.width(), new byte[depth * plane]);
            for (int i = 0; i < bg.size(); i++) {
                bg.voxels()[i] = (byte) (m.voxels()[part * depth * plane + i] == 0 ? 1 : 0);
            }
            int[] labels = ConnectedComponentsTest.floodFill(bg, background);
            Set<Integer> open = new HashSet<>();
            for (int z = 0; z < depth; z++) {
                for (int y = 0; y < m.height(); y++) {
                    for (int x = 0; x < m.width(); x++) {
                        boolean border = y == 0 || x == 0 || y == m.height() - 1 || x == m.width() - 1
                                || (mode == HoleFilling.VOLUME && (z == 0 || z == d - 1));
                        if (border) {
                            open.add(labels[bg.index(z, y, x)]);
                        }
                    }
                }
            }
            for (int i = 0; i < bg.size(); i++) {
                out[part * depth * plane + i] = (byte) (labels[i] == 0 || !open.contains(labels[i]) ? 1 : 0);
            }
        }
        return out;
    }
}
