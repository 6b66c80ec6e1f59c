package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vemseg.nn.data.LabelMapping;

class LossAndScheduleTest {

    @Test
    void crossEntropyIsWeightedAndSkipsIgnoredVoxels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1×2×1×3 logits (class-major): voxels 0 and 1 are (0, 0) = uniform, voxel 2 (5, −5) is ignored
            NDArray logits = m.create(new float[] {0, 0, 5, 0, 0, -5}, new Shape(1, 2, 1, 3));
            byte[] labels = {0, 1, LabelMapping.IGNORE};
            // both counted voxels cost −log ½ = ln 2; the weighted mean (weights 1 and 3) is ln 2 too
            float weighted = new SegmentationLoss(new float[] {1, 3}, false).compute(m, logits, labels).getFloat();
            assertEquals(Math.log(2), weighted, 1e-6);
            // with the ignored voxel labelled class 1 instead, its cost −log σ(−10) ≈ 10 enters the mean
            byte[] counted = {0, 1, 1};
            float all = new SegmentationLoss(new float[] {1, 1}, false).compute(m, logits, counted).getFloat();
            double ce2 = Math.log(1 + Math.exp(10));
            assertEquals((2 * Math.log(2) + ce2) / 3, all, 1e-5);
        }
    }

    @Test
    void fadingClassWeightsMixTheWeightedAndTheUnweightedLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            // voxel 0 (class 0) is predicted well, voxel 1 (class 1) badly: weighting class 1 ×3 raises the loss
            NDArray logits = m.create(new float[] {3, 0, 0, 1}, new Shape(1, 2, 1, 2));
            byte[] labels = {0, 1};
            SegmentationLoss weighted = new SegmentationLoss(new float[] {1, 3}, false);
            SegmentationLoss.Targets t = weighted.targets(labels, 1, 1, 2);
            double full = weighted.compute(m, logits, t, 1).getFloat();
            double none = weighted.compute(m, logits, t, 0).getFloat();
            double half = weighted.compute(m, logits, t, 0.5).getFloat();
            assertEquals(weighted.compute(m, logits, t).getFloat(), full, 1e-7);
            assertEquals(new SegmentationLoss(new float[] {1, 1}, false).compute(m, logits, labels).getFloat(), none,
                    1e-6);
            assertTrue(full > none + 0.05, full + " vs " + none);
            assertEquals((full + none) / 2, half, 1e-6);
        }
    }

    @Test
    void fadeKeepsTheWeightsForShortRunsAndDropsThemLater() {
        ClassWeights fade = ClassWeights.parse("fade");
        assertEquals(1, fade.strengthAt(0));
        assertEquals(1, fade.strengthAt(ClassWeights.FADE_FROM - 1));
        assertEquals(0.5, fade.strengthAt((ClassWeights.FADE_FROM + ClassWeights.FADE_TO) / 2), 1e-12);
        assertEquals(0, fade.strengthAt(ClassWeights.FADE_TO));
        assertEquals(0, fade.strengthAt(100_000));
        assertEquals(1, ClassWeights.auto().strengthAt(100_000), "auto keeps its weights throughout");
        assertArrayEquals(ClassWeights.auto().resolve(new long[] {90, 10}), fade.resolve(new long[] {90, 10}));
    }

    @Test
    void diceOfAPerfectPredictionIsNearlyZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {20, -20, -20, 20}, new Shape(1, 2, 1, 2));
            byte[] labels = {0, 1};
            float withDice = new SegmentationLoss(new float[] {1, 1}, true).compute(m, logits, labels).getFloat();
            float without = new SegmentationLoss(new float[] {1, 1}, false).compute(m, logits, labels).getFloat();
            assertEquals(without, withDice, 1e-4);
        }
    }

    @Test
    void schedulesStartPeakAndEndWhereTheyShould() {
        LrSchedule poly = LrSchedule.poly(0.01, 0.8);
        assertEquals(0.01, poly.at(0, 100), 1e-12);
        assertEquals(0.01 * Math.pow(0.5, 0.8), poly.at(50, 100), 1e-12);
        assertEquals(0, poly.at(100, 100), 1e-12);
        LrSchedule cycle = LrSchedule.oneCycle(3e-3);
        assertEquals(3e-3 / 25, cycle.at(0, 1000), 1e-12);
        assertEquals(3e-3, cycle.at(300, 1000), 1e-12);
        assertEquals(3e-3 / 25 / 1e4, cycle.at(1000, 1000), 1e-12);
    }

    @Test
    void autoClassWeightsAreInverseSqrtFrequencyWithMeanOne() {
        float[] w = ClassWeights.auto().resolve(new long[] {900, 100});
        assertEquals(3.0, w[1] / w[0], 1e-6);
        assertEquals(1.0, 0.9 * w[0] + 0.1 * w[1], 1e-6);
        assertArrayEquals(new float[] {0.5f, 2f}, ClassWeights.parse("0.5,2").resolve(new long[] {1, 1}));
    }

    @Test
    void metricsCountIouAndF1PerClass() {
        SegmentationMetrics s = new SegmentationMetrics(2);
        s.add(new byte[] {0, 0, 1, 1, LabelMapping.IGNORE}, new int[] {0, 1, 1, 0, 1});
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0}, s.iou(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, s.f1(), 1e-12);
    }
}
