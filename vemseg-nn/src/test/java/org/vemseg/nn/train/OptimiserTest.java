package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
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

    /**
     * Parameters of several shapes and both weight-decay groups (kernels decay, biases do not) are updated as
     * views of flat arrays: each must follow the rule as if alone, keep its shape, and have its gradient zeroed;
     * the state saved for a checkpoint must restore into a new optimiser and continue identically.
     */
    @Test
    void flatGroupsUpdateEveryParameterAsIfAlone() {
        float[][] starts = {{0.5f, -1.0f, 2.0f, 0.25f}, {1.0f, -0.5f}, {-2.0f, 0.75f, 1.25f}};
        Parameter.Type[] types = {Parameter.Type.WEIGHT, Parameter.Type.BIAS, Parameter.Type.WEIGHT};
        Shape[] shapes = {new Shape(2, 2), new Shape(2), new Shape(3, 1)};
        double lr = 0.01;
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> ps = new ArrayList<>();
            List<NDArray> arrays = new ArrayList<>();
            for (int k = 0; k < starts.length; k++) {
                NDArray w = m.create(starts[k].clone(), shapes[k]);
                w.setRequiresGradient(true);
                arrays.add(w);
                ps.add(Parameter.builder().setName("p" + k).setType(types[k]).optArray(w).build());
            }
            Optimiser opt = Optimiser.create(OptimizerKind.ADAMW, ps);
            for (int t = 1; t <= 2; t++) {
                backward(arrays, t);
                opt.step(lr, t);
            }
            NDList saved = opt.state();
            NDList restoredState = NDList.decode(m, saved.encode());
            // a resumed run: a new optimiser over the same parameters, state loaded, one more step each
            Optimiser resumed = Optimiser.create(OptimizerKind.ADAMW, ps);
            resumed.loadState(restoredState);
            backward(arrays, 3);
            resumed.step(lr, 3);
            for (int k = 0; k < starts.length; k++) {
                NDArray w = ps.get(k).getArray();
                assertSame(arrays.get(k), w, "the network keeps its parameter array objects");
                assertEquals(shapes[k], w.getShape());
                assertEquals(0f, w.getGradient().abs().sum().getFloat(), "gradient zeroed after the step");
                double[] expected = toDouble(starts[k]);
                double[] mo = new double[expected.length];
                double[] ve = new double[expected.length];
                for (int t = 1; t <= 3; t++) {
                    for (int i = 0; i < expected.length; i++) {
                        double grad = t * (i + 1) * 0.1 * (k + 1);
                        if (types[k] == Parameter.Type.WEIGHT) {
                            expected[i] -= lr * Optimiser.AdamW.WEIGHT_DECAY * expected[i];
                        }
                        mo[i] = 0.9 * mo[i] + 0.1 * grad;
                        ve[i] = 0.999 * ve[i] + 0.001 * grad * grad;
                        expected[i] -= lr * (mo[i] / (1 - Math.pow(0.9, t)))
                                / (Math.sqrt(ve[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                    }
                }
                assertArrayEquals(toFloat(expected), w.toFloatArray(), 1e-6f, "parameter " + k);
            }
        }
    }

    /**
     * A step leaves nothing behind on the parameters' manager, which lives as long as the network: the zero fill
     * used to leave one scalar array there per parameter per step, a leak that grew with every iteration.
     */
    @Test
    void stepsLeaveNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> ps = new ArrayList<>();
            List<NDArray> arrays = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                NDArray w = m.create(new float[] {0.5f, -1.0f, 2.0f});
                w.setRequiresGradient(true);
                arrays.add(w);
                ps.add(Parameter.builder().setName("p" + k).setType(Parameter.Type.WEIGHT).optArray(w).build());
            }
            for (OptimizerKind kind : OptimizerKind.values()) {
                Optimiser opt = Optimiser.create(kind, ps);
                for (int t = 1; t <= 3; t++) {
                    backward(arrays, t);  // (leaves its own loss arrays on m: counted before the step)
                    int before = m.getManagedArrays().size();
                    opt.step(0.01, t);
                    assertEquals(before, m.getManagedArrays().size(),
                            kind + ": arrays left on the manager by step " + t);
                }
            }
        }
    }

    /** Gradient of parameter k's element i at step t: t·(i+1)·0.1·(k+1). */
    private static void backward(List<NDArray> arrays, int t) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int k = 0; k < arrays.size(); k++) {
                NDArray w = arrays.get(k);
                NDArray c = w.getManager().arange(1f, w.size() + 1f).mul(0.1f * t * (k + 1)).reshape(w.getShape());
                NDArray term = w.mul(c).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
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
