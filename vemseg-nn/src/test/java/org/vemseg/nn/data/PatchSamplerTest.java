package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vemseg.nn.bundle.Normalisation;

class PatchSamplerTest {

    @Test
    void framesAroundTheFirstSliceAreReflected() {
        // 3 slices of 2×2 whose voxels equal the slice index
        float[] img = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        byte[] lab = {0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1};
        LabelledVolume v = new LabelledVolume(img, lab, 3, 2, 2, Optional.empty());
        Patch p = new PatchSampler(v, new Normalisation(0, 1), 5, 2).extract(0, 0, 0);
        assertArrayEquals(new float[] {2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, p.image());
        assertArrayEquals(new byte[] {0, 0, 0, 0}, p.labels());
        assertEquals(1, v.reflectZ(-1));
        assertEquals(1, v.reflectZ(3));
        assertEquals(0, v.reflectZ(4));
    }

    @Test
    void normalisationIsApplied() {
        float[] img = {10, 20, 30, 40};
        LabelledVolume v = new LabelledVolume(img, new byte[4], 1, 2, 2, Optional.empty());
        Patch p = new PatchSampler(v, new Normalisation(20, 10), 1, 2).extract(0, 0, 0);
        assertArrayEquals(new float[] {-1, 0, 1, 2}, p.image(), 1e-6f);
    }

    @Test
    void affinePatchesKeepImagesAndLabelsAlignedAtAnyAngle() {
        // one 64×64 slice: a bright vertical band labelled 1 on a dark background labelled 0
        int n = 64;
        float[] img = new float[n * n];
        byte[] lab = new byte[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean band = x >= 24 && x < 40;
                img[y * n + x] = band ? 100 : 0;
                lab[y * n + x] = (byte) (band ? 1 : 0);
            }
        }
        LabelledVolume v = new LabelledVolume(img, lab, 1, n, n, Optional.empty());
        PatchSampler sampler = new PatchSampler(v, new Normalisation(0, 1), 1, 32);
        SeededRandom rng = new SeededRandom(3);
        boolean rotated = false;
        for (int k = 0; k < 20; k++) {
            Patch p = sampler.nextAffine(rng);
            int agree = 0;
            for (int i = 0; i < p.labels().length; i++) {
                if ((p.image()[i] > 50) == (p.labels()[i] == 1)) {
                    agree++;
                }
            }
            // only voxels on the band's interpolated edges may disagree
            assertTrue(agree > 0.9 * p.labels().length, "patch " + k + ": " + agree + " of 1024 voxels agree");
            Patch straight = sampler.extract(0, 16, 16);
            rotated |= !Arrays.equals(straight.labels(), p.labels());
        }
        assertTrue(rotated);
        // reproducible from the random state
        Patch a = sampler.nextAffine(new SeededRandom(11));
        Patch b = sampler.nextAffine(new SeededRandom(11));
        assertArrayEquals(a.image(), b.image());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.image(), sampler.nextAffine(new SeededRandom(12)).image()));
    }
}
