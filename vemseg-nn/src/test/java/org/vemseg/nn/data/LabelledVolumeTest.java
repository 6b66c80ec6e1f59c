package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vemseg.core.volume.VoxelSize;

class LabelledVolumeTest {

    @Test
    void downsamplingAveragesImagesAndTakesTheMostFrequentLabel() {
        // one 2×5 slice: two 2×2 blocks and a last column that is dropped
        float[] img = {1, 3, 10, 20, 99,
                       5, 7, 30, 40, 99};
        byte[] lab = {0, 1, 2, 2, 1,
                      1, 1, 0, 1, 1};
        LabelledVolume v = new LabelledVolume(img, lab, 1, 2, 5, Optional.of(new VoxelSize(30, 5, 5)));
        LabelledVolume d = v.downsampled(2);
        assertArrayEquals(new long[] {1, 1, 2}, d.shape());
        assertArrayEquals(new float[] {4, 25}, d.images());
        // block 1: three 1s; block 2: two 2s, one 0, one 1
        assertArrayEquals(new byte[] {1, 2}, d.labels());
        assertEquals(new VoxelSize(30, 10, 10), d.voxelSize().orElseThrow());
        assertSame(v, v.downsampled(1));
    }

    @Test
    void aTieGoesToTheHigherClass() {
        LabelledVolume v = new LabelledVolume(new float[4], new byte[] {0, 1, 1, 0}, 1, 2, 2, Optional.empty());
        assertArrayEquals(new byte[] {1}, v.downsampled(2).labels());
    }
}
