package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two optimiser steps checked against the published update rules, computed here in doubles. */
class OptimiserTest {

    private static final float[] W0 = {0.5f, -1.0f, 2.0f};
    /** Gradient of Σ c·w: c itself. */
    private static final float[] C = {0.3f, -0.2f, 1.5f};

    @Test
    void adamWFollowsPyTorchsRule() {
        double[] w = toDouble(W0);
        double[] m = new double[3];
        double[] v = new double[3];
        double lr = 0.01;
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < 3; i++) {
                w[i] -= lr * Optimiser.AdamW.WEIGHT_DECAY * w[i];
                m[i] = 0.9 * m[i] + 0.1 * C[i];
                v[i] = 0.999 * v[i] + 0.001 * C[i] * C[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        assertArrayEquals(toFloat(w), twoSteps(OptimizerKind.ADAMW, lr), 1e-6f);
    }

    @Test
    void sgdFollowsCaffesRule() {
        double[] w = toDouble(W0);
        double[] vel = new double[3];
        double lr = 0.1;
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < 3; i++) {
                vel[i] = 0.9 * vel[i] + lr * (C[i] + 5e-4 * w[i]);
                w[i] -= vel[i];
            }
        }
        assertArrayEquals(toFloat(w), twoSteps(OptimizerKind.SGD, lr), 1e-6f);
    }

    private static float[] twoSteps(OptimizerKind kind, double lr) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(W0.clone());
            w.setRequiresGradient(true);
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(w).build();
            Optimiser opt = Optimiser.create(kind, List.of(p));
            NDArray c = m.create(C);
            for (int t = 1; t <= 2; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(c).sum());
                }
                opt.step(lr, t);
                assertEquals(0f, w.getGradient().abs().sum().getFloat(), "gradient zeroed after the step");
            }
            return w.toFloatArray();
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
