package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.PermutedVolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.Plane;
import org.vemseg.nn.bundle.Normalisation;

/** Patches of the xz and yz planes are patches of the volume transposed, z context along the stacking axis. */
class PlaneSamplingTest {

    private static final Normalisation NORM = new Normalisation(0, 1);

    /** A 9 × 11 × 13 volume of random intensities and three classes. */
    private static LabelledVolume volume() {
        int d = 9;
        int h = 11;
        int w = 13;
        Random r = new Random(5);
        float[] img = new float[d * h * w];
        byte[] lab = new byte[img.length];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(1000);
            lab[i] = (byte) r.nextInt(3);
        }
        return new LabelledVolume(img, lab, d, h, w, Optional.empty());
    }

    /** {@code v} transposed as {@code p}'s view sees it, copied by core's permuted reader. */
    private static LabelledVolume transposed(LabelledVolume v, Plane p) {
        Box source = Box.ofShape(v.depth(), v.height(), v.width());
        int[] axes = p.axes();
        long[] s = source.shape();
        Box view = Box.ofShape(s[axes[0]], s[axes[1]], s[axes[2]]);
        float[] img = (float[]) PermutedVolumeReader.transpose(Block.wrap(source, DataType.FLOAT32, v.images()),
                view, axes).array();
        byte[] lab = (byte[]) PermutedVolumeReader.transpose(Block.wrap(source, DataType.UINT8, v.labels()), view,
                axes).array();
        return new LabelledVolume(img, lab, (int) view.depth(), (int) view.height(), (int) view.width(),
                Optional.empty());
    }

    @Test
    void xzAndYzPatchesAreXyPatchesOfTheTransposedVolume() {
        LabelledVolume v = volume();
        for (Plane p : List.of(Plane.XZ, Plane.YZ)) {
            LabelledVolume t = transposed(v, p);
            PatchSampler plane = new PatchSampler(v, List.of(p), NORM, 3, 6);
            PatchSampler xy = new PatchSampler(t, NORM, 3, 6);
            for (int z = 0; z < t.depth(); z++) {
                for (int y0 = 0; y0 + 6 <= t.height(); y0++) {
                    for (int x0 = 0; x0 + 6 <= t.width(); x0++) {
                        Patch a = plane.extract(p, z, y0, x0);
                        Patch b = xy.extract(z, y0, x0);
                        assertArrayEquals(b.image(), a.image(), p + " at " + z + "," + y0 + "," + x0);
                        assertArrayEquals(b.labels(), a.labels(), p + " at " + z + "," + y0 + "," + x0);
                    }
                }
            }
            // random and affine patches draw the same numbers, so they are the same patches
            for (int seed = 0; seed < 20; seed++) {
                assertSame(xy.next(new SeededRandom(seed)), plane.next(new SeededRandom(seed)));
                assertSame(xy.nextAffine(new SeededRandom(seed)), plane.nextAffine(new SeededRandom(seed)));
            }
        }
    }

    @Test
    void anXzPatchHoldsTheVolumesRowsAcrossSlicesAndItsFramesAreNeighbouringRows() {
        LabelledVolume v = volume();
        Patch p = new PatchSampler(v, List.of(Plane.XZ), NORM, 3, 4).extract(Plane.XZ, 5, 2, 3);
        for (int f = 0; f < 3; f++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    // view (z, y, x) = volume (y, z, x): frame f is volume row 4 + f, patch row r is slice 2 + r
                    int i = ((2 + r) * v.height() + 4 + f) * v.width() + 3 + c;
                    assertEquals(v.images()[i], p.image()[(f * 4 + r) * 4 + c]);
                    if (f == 1) {
                        assertEquals(v.labels()[i], p.labels()[r * 4 + c]);
                    }
                }
            }
        }
    }

    @Test
    void patchesTallerThanAShallowStackAreReflectedAboutItsFirstAndLastSlice() {
        LabelledVolume v = volume(); // 9 slices
        Patch p = new PatchSampler(v, List.of(Plane.XZ), NORM, 1, 12).extract(Plane.XZ, 0, -2, 0);
        int[] slices = {2, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 7};
        for (int r = 0; r < 12; r++) {
            for (int c = 0; c < 12; c++) {
                assertEquals(v.labels()[slices[r] * v.height() * v.width() + c], p.labels()[r * 12 + c]);
            }
        }
        // random patches of a shallow stack stay inside the volume's values, cut from every plane asked for
        PatchSampler all = new PatchSampler(v, List.of(Plane.XY, Plane.XZ, Plane.YZ), NORM, 3, 10);
        Set<Float> values = new TreeSet<>();
        for (float f : v.images()) {
            values.add(f);
        }
        SeededRandom rng = new SeededRandom(3);
        for (int k = 0; k < 50; k++) {
            for (float f : all.next(rng).image()) {
                assertEquals(true, values.contains(f));
            }
            Patch a = all.nextAffine(rng);
            assertEquals(100, a.labels().length);
        }
    }

    @Test
    void severalPlanesAreDrawnAboutEquallyAndOnePlaneDrawsAsAnXyOnlySamplerDid() {
        LabelledVolume v = volume();
        PatchSampler xy = new PatchSampler(v, NORM, 1, 8);
        PatchSampler listed = new PatchSampler(v, List.of(Plane.XY), NORM, 1, 8);
        SeededRandom a = new SeededRandom(9);
        SeededRandom b = new SeededRandom(9);
        for (int k = 0; k < 10; k++) {
            assertSame(xy.nextAffine(a), listed.nextAffine(b));
        }
        assertEquals(a.state(), b.state());

        // intensity 100·z + x: along a patch's rows and columns, xy patches step by 0 and 1, xz by 100 and 1,
        // yz by 0 and 100
        int d = 9;
        int h = 11;
        int w = 13;
        float[] img = new float[d * h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = 100 * (i / (h * w)) + i % w;
        }
        PatchSampler three = new PatchSampler(new LabelledVolume(img, new byte[img.length], d, h, w,
                Optional.empty()), List.of(Plane.XY, Plane.XZ, Plane.YZ), NORM, 1, 8);
        int[] seen = new int[3];
        SeededRandom rng = new SeededRandom(4);
        for (int k = 0; k < 300; k++) {
            float[] p = three.next(rng).image();
            float down = p[8] - p[0];
            float right = p[1] - p[0];
            seen[down == 100 ? 1 : right == 100 ? 2 : 0]++;
            assertEquals(true, down == 0 && right == 1 || down == 100 && right == 1 || down == 0 && right == 100);
        }
        for (int n : seen) {
            assertEquals(100, n, 30, java.util.Arrays.toString(seen));
        }
    }

    private static void assertSame(Patch expected, Patch actual) {
        assertArrayEquals(expected.image(), actual.image());
        assertArrayEquals(expected.labels(), actual.labels());
    }
}
