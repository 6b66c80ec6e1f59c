package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
