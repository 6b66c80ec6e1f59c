package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlendWeightsTest {

    @Test
    void weightsArePositiveAndOneWhereNoNeighbourOverlaps() {
        BlendWeights b = new BlendWeights(40, 10);
        for (float w : b.axis(40, true, true)) {
            assertTrue(w > 0 && w <= 1);
        }
        for (float w : b.axis(40, false, false)) {
            assertEquals(1f, w);
        }
        float[] start = b.axis(40, true, false);
        assertTrue(start[0] < 0.05f);
        assertEquals(1f, start[39]);
        assertEquals(1f, start[10]);
        float[] end = b.axis(40, false, true);
        assertEquals(1f, end[0]);
        assertTrue(end[39] < 0.05f);
    }

    @Test
    void regularOverlapsSumToExactlyOne() {
        int valid = 40;
        int overlap = 10;
        BlendWeights b = new BlendWeights(valid, overlap);
        int stride = valid - overlap;
        int tiles = 4;
        double[] sum = new double[stride * (tiles - 1) + valid];
        for (int t = 0; t < tiles; t++) {
            float[] w = b.axis(valid, t > 0, t < tiles - 1);
            for (int d = 0; d < valid; d++) {
                sum[t * stride + d] += w[d];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            assertEquals(1.0, sum[i], 1e-6, "position " + i);
        }
    }

    @Test
    void weightsRiseMonotonicallyOverTheRamp() {
        float[] w = new BlendWeights(64, 16).axis(64, true, false);
        for (int d = 1; d < 16; d++) {
            assertTrue(w[d] > w[d - 1]);
        }
    }
}
