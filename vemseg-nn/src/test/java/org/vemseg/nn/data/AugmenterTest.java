package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static Patch numbered(int frames, int size) {
        float[] img = new float[frames * size * size];
        byte[] lab = new byte[size * size];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        for (int i = 0; i < lab.length; i++) {
            lab[i] = (byte) i;
        }
        return new Patch(img, lab, frames, size);
    }

    @Test
    void theSixteenGeometricVariantsAreDistinctAndMoveLabelsWithTheCentreFrame() {
        Set<String> seen = new HashSet<>();
        for (int v = 0; v < Augmenter.VARIANTS; v++) {
            Patch p = numbered(3, 4);
            Augmenter.geometric(p, v);
            seen.add(java.util.Arrays.toString(p.image()));
            for (int i = 0; i < 16; i++) {
                // centre frame (index 1) stays the centre under a z flip; its pixel i came from label i's source
                assertEquals(p.labels()[i], (byte) (p.image()[16 + i] - 16));
            }
        }
        assertEquals(16, seen.size());
    }

    @Test
    void variantOneFlipsXAndVariantEightReversesFrames() {
        Patch p = numbered(3, 2);
        Augmenter.geometric(p, 1);
        assertArrayEquals(new float[] {1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10}, p.image());
        Patch q = numbered(3, 2);
        Augmenter.geometric(q, 8);
        assertArrayEquals(new float[] {8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3}, q.image());
        assertArrayEquals(new byte[] {0, 1, 2, 3}, q.labels());
    }

    @Test
    void seededAugmentationRepeatsExactlyFromASavedState() {
        SeededRandom r = new SeededRandom(42);
        r.nextLong();
        SeededRandom copy = new SeededRandom(r.state());
        Patch a = numbered(1, 8);
        Patch b = numbered(1, 8);
        new Augmenter(Augmentation.all()).apply(a, r);
        new Augmenter(Augmentation.all()).apply(b, copy);
        assertArrayEquals(a.image(), b.image(), 0f);
        assertEquals(r.state(), copy.state());
    }

    @Test
    void tabulatedGammaFollowsTheExactCurve() {
        for (double g : new double[] {0.7, 1.0, 1.5}) {
            float[] img = new float[2001];
            for (int i = 0; i < img.length; i++) {
                img[i] = -1 + 3f * i / (img.length - 1); // a ramp over [-1, 2]
            }
            float[] original = img.clone();
            Augmenter.gamma(img, g);
            for (int i = 0; i < img.length; i++) {
                double t = (original[i] + 1) / 3;
                double exact = -1 + 3 * Math.pow(t, g);
                // within 0.002 of the range (3), everywhere including the steep start of gamma < 1
                assertEquals(exact, img[i], 0.006, "gamma " + g + " at " + t);
            }
            assertEquals(-1f, img[0], 1e-6f);
            assertEquals(2f, img[img.length - 1], 1e-5f);
        }
    }
}
