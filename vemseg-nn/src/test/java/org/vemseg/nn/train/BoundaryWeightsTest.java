package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vemseg.nn.data.LabelMapping;

class BoundaryWeightsTest {

    /** 1 + W·exp(−d²/2σ²) for a distance of {@code px} pixels. */
    private static float expected(double w, double px) {
        return (float) (1 + w * Math.exp(-px * px / (2 * BoundaryWeights.SIGMA * BoundaryWeights.SIGMA)));
    }

    @Test
    void weightsFallOffWithTheDistanceFromAVerticalEdgeOnBothSides() {
        // 2 × 30: class 0 in columns 0-14, class 1 in columns 15-29
        byte[] labels = new byte[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = (byte) (i % 30 >= 15 ? 1 : 0);
        }
        float[] m = new BoundaryWeights(2).map(labels, 2, 30, 2);
        for (int row = 0; row < 2; row++) {
            for (int x = 0; x < 30; x++) {
                // columns 14 and 15 touch the other class; the distance grows by one pixel per column
                int d = x <= 14 ? 14 - x : x - 15;
                float want = d > 9 ? 1 : expected(2, d);
                assertEquals(want, m[row * 30 + x], 1e-6, "column " + x);
            }
        }
        assertEquals(3, m[14], 1e-6);
        assertEquals(1, m[0], 0, "beyond 3σ: no extra weight");
    }

    @Test
    void diagonalDistancesAreChamferApproximationsAndUniformPatchesAreUnweighted() {
        // 7 × 7, a single foreground voxel in the centre
        byte[] labels = new byte[49];
        labels[24] = 1;
        float[] m = new BoundaryWeights(4).map(labels, 7, 7, 2);
        assertEquals(5, m[24], 1e-6, "the voxel itself");
        assertEquals(5, m[17], 1e-6, "its 4-neighbours touch it");
        assertEquals(expected(4, 1), m[16], 1e-6, "diagonal neighbour: one axial step from a 4-neighbour");
        assertEquals(expected(4, 1), m[10], 1e-6, "two rows up: one axial step");
        assertEquals(expected(4, 7 / 3.0), m[8], 1e-6, "(1, 1): one diagonal and one axial step from (2, 3)");
        float[] ones = new float[49];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, new BoundaryWeights(4).map(new byte[49], 7, 7, 2));
    }

    @Test
    void ignoredVoxelsAreNoBoundaryAndEveryClassPairIs() {
        // one row: 0 0 IGNORE 1 1 2 2
        byte i = LabelMapping.IGNORE;
        byte[] labels = {0, 0, i, 1, 1, 2, 2};
        float[] m = new BoundaryWeights(1).map(labels, 1, 7, 3);
        // only the 1|2 edge is a boundary: the 0s beside the ignored voxel are 3 and 4 px from it
        assertEquals(2, m[4], 1e-6);
        assertEquals(2, m[5], 1e-6);
        assertEquals(expected(1, 1), m[3], 1e-6);
        assertEquals(expected(1, 1), m[6], 1e-6);
        assertEquals(expected(1, 3), m[1], 1e-6);
        assertEquals(expected(1, 4), m[0], 1e-6);
    }

    @Test
    void aNonPositiveWeightIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BoundaryWeights(0));
        assertThrows(IllegalArgumentException.class, () -> new BoundaryWeights(Double.NaN));
    }

    @Test
    void lossTargetsCarryClassTimesBoundaryWeightsAndDiceStaysUnweighted() {
        byte[] labels = {0, 0, 0, 1, 1, 1, LabelMapping.IGNORE, 0};
        SegmentationLoss.Targets plain = new SegmentationLoss(new float[] {1, 3}, true).targets(labels, 1, 1, 8);
        SegmentationLoss.Targets edged = new SegmentationLoss(new float[] {1, 3}, true, 2).targets(labels, 1, 1, 8);
        float[] m = new BoundaryWeights(2).map(labels, 1, 8, 2);
        double sum = 0;
        for (int k = 0; k < 8; k++) {
            assertEquals(plain.weight()[k] * m[k], edged.weight()[k], 1e-6);
            sum += edged.weight()[k];
        }
        assertEquals(0, edged.weight()[6], "ignored");
        assertEquals(3 * 3, edged.weight()[3], 1e-6, "class weight 3 times 1 + W on the edge");
        assertEquals(sum, edged.weightSum(), 1e-5);
        assertArrayEquals(plain.mask(), edged.mask());
        assertArrayEquals(plain.oneHot(), edged.oneHot());
        try (NDManager nd = NDManager.newBaseManager()) {
            // a uniform prediction costs ln 2 per voxel however the voxels are weighted
            NDArray logits = nd.zeros(new Shape(1, 2, 1, 8));
            assertEquals(Math.log(2), new SegmentationLoss(new float[] {1, 3}, false, 2).compute(nd, logits, labels)
                    .getFloat(), 1e-6);
        }
    }
}
