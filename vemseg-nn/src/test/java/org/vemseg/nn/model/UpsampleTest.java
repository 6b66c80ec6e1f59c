package org.vemseg.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The engine's nearest interpolation must equal repeating every pixel 2×2. */
class UpsampleTest {

    @Test
    void upsampleEqualsPixelRepetition() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 5, 7));
            NDArray up = Layers.upsample2x(x);
            assertEquals(new Shape(2, 3, 10, 14), up.getShape());
            assertArrayEquals(x.repeat(2, 2).repeat(3, 2).toFloatArray(), up.toFloatArray());
        }
    }
}
