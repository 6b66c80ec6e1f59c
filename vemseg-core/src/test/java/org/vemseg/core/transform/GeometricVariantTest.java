package org.vemseg.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeometricVariantTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    @Test
    void undoOfApplyIsIdentityForAll16OnSquareAndNonSquareTiles() {
        for (int[] shape : new int[][] {{8, 8}, {5, 9}}) {
            int h = shape[0];
            int w = shape[1];
            float[] tile = random(h * w, 1);
            for (GeometricVariant v : GeometricVariant.all()) {
                float[] t = new float[h * w];
                v.applyToInput(tile, 0, 1, h, w, t, 0);
                float[] back = new float[h * w];
                v.undoOnOutput(t, 0, 1, h, w, back, 0);
                assertArrayEquals(tile, back, v + " on " + h + "x" + w);
            }
        }
    }

    @Test
    void undoRestoresEveryClassPlane() {
        int h = 4;
        int w = 6;
        float[] out = random(3 * h * w, 2);
        for (GeometricVariant v : GeometricVariant.all()) {
            float[] t = new float[out.length];
            // An output of the transformed tile is shaped like the transformed input.
            for (int c = 0; c < 3; c++) {
                v.plane().apply(out, c * h * w, h, w, t, c * h * w);
            }
            float[] back = new float[out.length];
            v.undoOnOutput(t, 0, 3, h, w, back, 0);
            assertArrayEquals(out, back, v.toString());
        }
    }

    @Test
    void zFlipReversesTheFrameOrderOnly() {
        int h = 3;
        int w = 4;
        float[] in = random(5 * h * w, 3);
        float[] out = new float[in.length];
        new GeometricVariant(Dihedral.IDENTITY, true).applyToInput(in, 0, 5, h, w, out, 0);
        for (int f = 0; f < 5; f++) {
            assertArrayEquals(Arrays.copyOfRange(in, (4 - f) * h * w, (5 - f) * h * w),
                    Arrays.copyOfRange(out, f * h * w, (f + 1) * h * w));
        }
    }

    @Test
    void all16VariantsAreDistinctOnAMultiFrameTile() {
        int h = 4;
        int w = 4;
        float[] in = random(3 * h * w, 4);
        Set<String> seen = new HashSet<>();
        for (GeometricVariant v : GeometricVariant.all()) {
            float[] out = new float[in.length];
            v.applyToInput(in, 0, 3, h, w, out, 0);
            seen.add(Arrays.toString(out));
        }
        assertEquals(16, seen.size());
    }

    @Test
    void ttaChoicesArePrefixesInTheDocumentedOrder() {
        assertEquals(List.of(GeometricVariant.IDENTITY), GeometricVariant.first(1));
        assertEquals(new GeometricVariant(Dihedral.FLIP_X, false), GeometricVariant.first(2).get(1));
        assertEquals(List.of(Dihedral.IDENTITY, Dihedral.FLIP_X, Dihedral.FLIP_Y, Dihedral.ROT180),
                GeometricVariant.first(4).stream().map(GeometricVariant::plane).toList());
        assertTrue(GeometricVariant.first(8).stream().noneMatch(GeometricVariant::flipZ));
        assertEquals(8, GeometricVariant.first(16).stream().filter(GeometricVariant::flipZ).count());
        assertEquals(16, new HashSet<>(GeometricVariant.first(16)).size());
        assertThrows(IllegalArgumentException.class, () -> GeometricVariant.first(3));
    }

    @Test
    void everyTtaPrefixIsClosedUnderComposition() {
        for (int n : new int[] {1, 2, 4, 8}) {
            List<Dihedral> group = GeometricVariant.first(n).stream().map(GeometricVariant::plane).toList();
            float[] a = random(12, 5);
            Set<String> members = new HashSet<>();
            for (Dihedral d : group) {
                members.add(key(d, a));
            }
            for (Dihedral d : group) {
                for (Dihedral e : group) {
                    float[] t = new float[12];
                    d.apply(a, 0, 3, 4, t, 0);
                    float[] u = new float[12];
                    e.apply(t, 0, d.outHeight(3, 4), d.outWidth(3, 4), u, 0);
                    assertTrue(members.contains(Arrays.toString(u) + e.outHeight(d.outHeight(3, 4), d.outWidth(3, 4))),
                            e + " after " + d + " leaves the first " + n);
                }
            }
        }
    }

    private static String key(Dihedral d, float[] a) {
        float[] t = new float[12];
        d.apply(a, 0, 3, 4, t, 0);
        return Arrays.toString(t) + d.outHeight(3, 4);
    }
}
