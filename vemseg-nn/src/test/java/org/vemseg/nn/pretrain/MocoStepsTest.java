package org.vemseg.nn.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three explicit steps of MoCo against hand-computed values. */
class MocoStepsTest {

    @Test
    void momentumUpdateMovesKeysTowardsQueriesAndLeavesQueriesAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray k1 = m.create(new float[] {1, 2, 3});
            NDArray q1 = m.create(new float[] {5, 6, 7});
            NDArray k2 = m.create(new float[] {0, 10, -4, 1}, new Shape(2, 2));
            NDArray q2 = m.create(new float[] {10, 0, 4, 1}, new Shape(2, 2));
            MomentumUpdate.apply(List.of(k1), List.of(q1), 0.9);
            assertArrayEquals(new float[] {1.4f, 2.4f, 3.4f}, k1.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {5, 6, 7}, q1.toFloatArray(), 0f);
            MomentumUpdate.apply(List.of(k2), List.of(q2), 0.75);
            assertArrayEquals(new float[] {2.5f, 7.5f, -2f, 1f}, k2.toFloatArray(), 1e-6f);
            // m = 1 keeps the key; m = 0 copies the query
            MomentumUpdate.apply(List.of(k1), List.of(q1), 1.0);
            assertArrayEquals(new float[] {1.4f, 2.4f, 3.4f}, k1.toFloatArray(), 1e-6f);
            MomentumUpdate.apply(List.of(k1), List.of(q1), 0.0);
            assertArrayEquals(new float[] {5, 6, 7}, k1.toFloatArray(), 0f);
            assertThrows(IllegalArgumentException.class, () -> MomentumUpdate.apply(List.of(k1), List.of(q2), 0.5));
        }
    }

    @Test
    void queueStartsNormalisedAndOverwritesTheOldestRowsWrappingAround() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] init = {3, 4, 0, 2, -5, 0, 0, -1, 1, 0};
            try (NegativeQueue q = NegativeQueue.create(m, 5, 2, init)) {
                assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1, -1, 0, 0, -1, 1, 0}, q.keys().toFloatArray(), 1e-6f);
                assertEquals(0, q.pointer());
                q.enqueue(m.create(new float[] {10, 11, 20, 21, 30, 31}, new Shape(3, 2)));
                assertEquals(3, q.pointer());
                assertArrayEquals(new float[] {10, 11, 20, 21, 30, 31, 0, -1, 1, 0}, q.keys().toFloatArray(), 0f);
                q.enqueue(m.create(new float[] {40, 41, 50, 51, 60, 61}, new Shape(3, 2)));
                assertEquals(1, q.pointer());
                assertArrayEquals(new float[] {60, 61, 20, 21, 30, 31, 40, 41, 50, 51}, q.keys().toFloatArray(), 0f);
                q.enqueue(m.create(new float[] {70, 71, 80, 81, 90, 91, 1, 2}, new Shape(4, 2)));
                assertEquals(0, q.pointer());
                assertArrayEquals(new float[] {60, 61, 70, 71, 80, 81, 90, 91, 1, 2}, q.keys().toFloatArray(), 0f);
                assertThrows(IllegalArgumentException.class,
                        () -> q.enqueue(m.zeros(new Shape(6, 2))), "more keys than the queue holds");
                assertThrows(IllegalArgumentException.class, () -> q.enqueue(m.zeros(new Shape(1, 3))));
            }
        }
    }

    @Test
    void infoNceMatchesHandComputedCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray k = m.create(new float[] {0.6f, 0.8f, 0, 1}, new Shape(2, 2));
            NDArray queue = m.create(new float[] {0, 1, -1, 0}, new Shape(2, 2));
            // row 1: logits [0.6, 0, -1] / 0.5 = [1.2, 0, -2] -> -1.2 + ln(e^1.2 + 1 + e^-2) = 0.2941286
            // row 2: logits [1, 1, 0] / 0.5 = [2, 2, 0]      -> -2 + ln(2 e^2 + 1)           = 0.7586237
            assertEquals(0.5263761, InfoNce.loss(q, k, queue, 0.5).getFloat(), 1e-6);
            // a lower temperature sharpens: row 1 alone at T = 0.2 -> -3 + ln(e^3 + 1 + e^-5) = 0.0489069
            assertEquals(0.0489069, InfoNce.loss(q.get("0:1"), k.get("0:1"), queue, 0.2).getFloat(), 1e-6);
            assertArrayEquals(new float[] {0.6f, 0.8f}, InfoNce.normalise(m.create(new float[] {3, 4}, new Shape(1, 2)))
                    .toFloatArray(), 1e-6f);
        }
    }
}
