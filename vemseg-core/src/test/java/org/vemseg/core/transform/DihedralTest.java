package org.vemseg.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DihedralTest {

    private static final int H = 3;
    private static final int W = 4;

    /** 3 x 4 image with distinct values v(y, x) = 10 y + x. */
    private static float[] image() {
        float[] a = new float[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                a[y * W + x] = 10 * y + x;
            }
        }
        return a;
    }

    private static float[] apply(Dihedral d, float[] src, int h, int w) {
        float[] dst = new float[src.length];
        d.apply(src, 0, h, w, dst, 0);
        return dst;
    }

    /** Expected results written out by hand with numpy's conventions for the 3 x 4 image. */
    @Test
    void elementsMatchNumpyConventions() {
        float[] a = image();
        assertArrayEquals(a, apply(Dihedral.IDENTITY, a, H, W));
        // np.fliplr
        assertArrayEquals(new float[] {3, 2, 1, 0, 13, 12, 11, 10, 23, 22, 21, 20}, apply(Dihedral.FLIP_X, a, H, W));
        // np.flipud
        assertArrayEquals(new float[] {20, 21, 22, 23, 10, 11, 12, 13, 0, 1, 2, 3}, apply(Dihedral.FLIP_Y, a, H, W));
        // np.rot90(a, 2)
        assertArrayEquals(new float[] {23, 22, 21, 20, 13, 12, 11, 10, 3, 2, 1, 0}, apply(Dihedral.ROT180, a, H, W));
        // np.rot90(a): 4 x 3, first row is the last column
        assertArrayEquals(new float[] {3, 13, 23, 2, 12, 22, 1, 11, 21, 0, 10, 20}, apply(Dihedral.ROT90, a, H, W));
        // np.rot90(a, 3)
        assertArrayEquals(new float[] {20, 10, 0, 21, 11, 1, 22, 12, 2, 23, 13, 3}, apply(Dihedral.ROT270, a, H, W));
        // a.T
        assertArrayEquals(new float[] {0, 10, 20, 1, 11, 21, 2, 12, 22, 3, 13, 23}, apply(Dihedral.TRANSPOSE, a, H, W));
        // np.rot90(a, 2).T (anti-transpose)
        assertArrayEquals(new float[] {23, 13, 3, 22, 12, 2, 21, 11, 1, 20, 10, 0},
                apply(Dihedral.ANTI_TRANSPOSE, a, H, W));
    }

    @Test
    void inverseUndoesEveryElementOnNonSquareImages() {
        float[] a = image();
        for (Dihedral d : Dihedral.values()) {
            float[] t = apply(d, a, H, W);
            float[] back = apply(d.inverse(), t, d.outHeight(H, W), d.outWidth(H, W));
            assertArrayEquals(a, back, d.toString());
            assertEquals(d, d.inverse().inverse());
        }
        assertEquals(Dihedral.ROT270, Dihedral.ROT90.inverse());
    }

    @Test
    void allEightElementsAreDistinct() {
        Set<String> results = new HashSet<>();
        for (Dihedral d : Dihedral.values()) {
            results.add(java.util.Arrays.toString(apply(d, image(), H, W)) + d.outHeight(H, W));
        }
        assertEquals(8, results.size());
    }

    @Test
    void rotatingFourTimesIsIdentityAndOffsetsAreRespected() {
        float[] a = image();
        float[] buf = new float[2 + a.length];
        System.arraycopy(a, 0, buf, 2, a.length);
        float[] r = new float[3 + a.length];
        Dihedral.ROT90.apply(buf, 2, H, W, r, 3);
        float[] cur = java.util.Arrays.copyOfRange(r, 3, r.length);
        int h = W;
        int w = H;
        for (int k = 0; k < 3; k++) {
            cur = apply(Dihedral.ROT90, cur, h, w);
            int t = h;
            h = w;
            w = t;
        }
        assertArrayEquals(a, cur);
    }

    @Test
    void bytePlanesMoveLikeFloatPlanes() {
        float[] a = image();
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = (byte) a[i];
        }
        for (Dihedral d : Dihedral.values()) {
            float[] expected = apply(d, a, H, W);
            byte[] out = new byte[b.length + 2];
            d.apply(b, 0, H, W, out, 2);
            for (int i = 0; i < expected.length; i++) {
                assertEquals((byte) expected[i], out[2 + i], d + " at " + i);
            }
        }
    }

    /** The flag encoding augmentation draws: bit 0 flips x, bit 1 flips y, bit 2 transposes first. */
    @Test
    void flagsNameTheElementOfTheAugmentationDraw() {
        int s = 4;
        float[] a = new float[s * s];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int k = 0; k < 8; k++) {
            float[] expected = new float[a.length];
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int sy = (k & 2) != 0 ? s - 1 - y : y;
                    int sx = (k & 1) != 0 ? s - 1 - x : x;
                    expected[y * s + x] = (k & 4) != 0 ? a[sx * s + sy] : a[sy * s + sx];
                }
            }
            assertArrayEquals(expected, apply(Dihedral.fromFlags(k), a, s, s), "flags " + k);
        }
        assertEquals(Dihedral.FLIP_X, Dihedral.fromFlags(1));
        assertEquals(Dihedral.TRANSPOSE, Dihedral.fromFlags(4));
    }
}
