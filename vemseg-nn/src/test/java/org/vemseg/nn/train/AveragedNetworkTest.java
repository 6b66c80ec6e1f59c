package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vemseg.nn.model.NetworkSpec;

/** The averaging arithmetic of {@link AveragedNetwork} on a tiny network, against averages computed by hand. */
class AveragedNetworkTest {

    private static final Shape INPUT = new Shape(2, 2, 6, 6);

    /** conv 3×3 → batch norm → conv 1×1: trainable weights, biases, and batch-norm statistics. */
    private static Block tiny(NDManager m) {
        Block b = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(3).optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().optMomentum(NetworkSpec.BATCH_NORM_MOMENTUM).build())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build());
        b.initialize(m, DataType.FLOAT32, INPUT);
        return b;
    }

    /** A tiny network being trained, its optimiser and its average. */
    private record Run(Block net, Optimiser optimiser, AveragedNetwork average) {

        static Run start(NDManager m) {
            Engine.getInstance().setRandomSeed(3);
            Block net = tiny(m);
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : values(net)) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                    trainable.add(p);
                }
            }
            Optimiser opt = Optimiser.create(OptimizerKind.SGD, trainable);
            List<float[]> before = snapshot(net);
            AveragedNetwork average = new AveragedNetwork(net, tiny(m), opt, m);
            List<float[]> after = snapshot(net);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "seating kept the values of parameter " + i);
            }
            return new Run(net, opt, average);
        }

        /** One SGD step on random data; returns every parameter's values after it (statistics included). */
        List<float[]> step(NDManager m, int t) {
            try (NDManager s = m.newSubManager()) {
                NDArray x = s.create(random(INPUT.size(), t), INPUT);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = net.forward(new ParameterStore(s, false), new NDList(x), true).singletonOrThrow();
                    gc.backward(y.sub(0.5f).square().mean());
                }
                optimiser.step(0.1, t);
            }
            return snapshot(net);
        }
    }

    @Test
    void emaIsTheExponentialAverageOfEveryParameterAndStatistic() {
        double w = 0.25;
        try (NDManager m = NDManager.newBaseManager()) {
            Run run = Run.start(m);
            List<float[]> expected = null;
            for (int t = 1; t <= 5; t++) {
                List<float[]> x = run.step(m, t);
                if (t == 1) {
                    run.average().copy();
                    expected = copy(x);
                } else {
                    run.average().blend(w);
                    for (int i = 0; i < x.size(); i++) {
                        for (int j = 0; j < x.get(i).length; j++) {
                            expected.get(i)[j] = (float) ((1 - w) * expected.get(i)[j] + w * x.get(i)[j]);
                        }
                    }
                }
            }
            assertClose(expected, snapshot(run.average().block()));
            assertStatisticsDifferFromTrained(run);
        }
    }

    @Test
    void swaIsTheUniformMeanOfTheSamples() {
        try (NDManager m = NDManager.newBaseManager()) {
            Run run = Run.start(m);
            List<float[]> sum = null;
            int n = 5;
            for (int t = 1; t <= n; t++) {
                List<float[]> x = run.step(m, t);
                if (t == 1) {
                    run.average().copy();
                    sum = copy(x);
                } else {
                    run.average().blend(WeightAveraging.SWA.weightOfNext(t - 1, 1000));
                    for (int i = 0; i < x.size(); i++) {
                        for (int j = 0; j < x.get(i).length; j++) {
                            sum.get(i)[j] += x.get(i)[j];
                        }
                    }
                }
            }
            for (float[] s : sum) {
                for (int j = 0; j < s.length; j++) {
                    s[j] /= n;
                }
            }
            assertClose(sum, snapshot(run.average().block()));
        }
    }

    /**
     * Recomputed statistics are the mean over the batches of each batch's channel mean and unbiased variance: with
     * batch norm right after a 1×1 convolution whose weights are the identity, those of the input batches.
     */
    @Test
    void recomputedStatisticsAreTheMeanOfTheBatchStatistics() {
        try (NDManager m = NDManager.newBaseManager()) {
            Run run = Run.start(m);
            run.average().copy();
            Block shadow = run.average().block();
            List<Parameter> ps = values(shadow);
            ps.get(0).getArray().set(new NDIndex("..."), 0f);
            // first convolution: 3×3 kernel whose centre passes input channel c to output channel c (c < 2)
            ps.get(0).getArray().set(new NDIndex("0, 0, 1, 1"), 1f);
            ps.get(0).getArray().set(new NDIndex("1, 1, 1, 1"), 1f);
            ps.get(1).getArray().set(new NDIndex("..."), 0f);
            int batches = 3;
            List<float[]> data = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                float[] d = random(INPUT.size(), 100 + b);
                for (int i = 0; i < d.length; i++) {
                    d[i] = d[i] * (1 + b) + 3 * b; // batches with different statistics
                }
                data.add(d);
            }
            int[] next = {0};
            run.average().recomputeStatistics(() -> data.get(next[0]++), batches, INPUT);
            assertEquals(batches, next[0]);
            double[][] expected = batchStatistics(data, 0);
            float[] mean = statistic(shadow, Parameter.Type.RUNNING_MEAN);
            float[] var = statistic(shadow, Parameter.Type.RUNNING_VAR);
            assertEquals(expected[0][0], mean[0], 1e-4);
            assertEquals(expected[1][0], var[0], 1e-3);
            double[][] second = batchStatistics(data, 1);
            assertEquals(second[0][0], mean[1], 1e-4);
            assertEquals(second[1][0], var[1], 1e-3);
            assertEquals(0, mean[2], 1e-6, "channel 2 sees zeros");
            assertEquals(0, var[2], 1e-6, "channel 2 sees zeros");
        }
    }

    @Test
    void schedulesStartAtThreeQuartersAndSampleAsDocumented() {
        assertEquals(750, WeightAveraging.startIteration(1000));
        assertFalse(WeightAveraging.EMA.samplesAt(749, 1000, 0));
        assertTrue(WeightAveraging.EMA.samplesAt(750, 1000, 0));
        assertTrue(WeightAveraging.EMA.samplesAt(751, 1000, 1));
        assertTrue(WeightAveraging.EMA.samplesAt(700, 1200, 5), "once started, a later end does not pause it");
        assertEquals(0.02, WeightAveraging.EMA.weightOfNext(7, 1000), 1e-12, "time constant 50 iterations");
        assertEquals(0.001, WeightAveraging.EMA.weightOfNext(7, 20_000), 1e-12, "decay 0.999 at 20,000");
        assertEquals(0.5, WeightAveraging.EMA.weightOfNext(1, 8), 1e-12, "time constant at least 2");
        assertFalse(WeightAveraging.SWA.samplesAt(751, 1000, 1));
        assertTrue(WeightAveraging.SWA.samplesAt(752, 1000, 1), "every 2 iterations of 1000");
        assertTrue(WeightAveraging.SWA.samplesAt(999, 999, 3), "and the last");
        assertEquals(0.25, WeightAveraging.SWA.weightOfNext(3, 1000), 1e-12);
        assertFalse(WeightAveraging.NONE.samplesAt(1000, 1000, 0));
        assertEquals(WeightAveraging.SWA, WeightAveraging.fromString(" SWA"));
        assertEquals("unknown weight averaging 'mean'; valid: none, ema, swa",
                assertThrows(IllegalArgumentException.class, () -> WeightAveraging.fromString("mean")).getMessage());
    }

    /** Mean over the batches of channel {@code c}'s batch mean [0] and unbiased batch variance [1]. */
    private static double[][] batchStatistics(List<float[]> batches, int c) {
        int n = (int) INPUT.get(0);
        int plane = (int) (INPUT.get(2) * INPUT.get(3));
        int channels = (int) INPUT.get(1);
        double meanSum = 0;
        double varSum = 0;
        for (float[] d : batches) {
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < plane; p++) {
                    double v = d[(i * channels + c) * plane + p];
                    s += v;
                    s2 += v * v;
                }
            }
            int count = n * plane;
            double mean = s / count;
            meanSum += mean;
            varSum += (s2 - count * mean * mean) / (count - 1);
        }
        return new double[][] {{meanSum / batches.size()}, {varSum / batches.size()}};
    }

    private static void assertStatisticsDifferFromTrained(Run run) {
        float[] trained = statistic(run.net(), Parameter.Type.RUNNING_MEAN);
        float[] averaged = statistic(run.average().block(), Parameter.Type.RUNNING_MEAN);
        assertFalse(java.util.Arrays.equals(trained, averaged), "statistics are averaged, not copied");
    }

    private static float[] statistic(Block b, Parameter.Type type) {
        return values(b).stream().filter(p -> p.getType() == type).findFirst().orElseThrow().getArray()
                .toFloatArray();
    }

    private static void assertClose(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 2e-6f, "parameter " + i);
        }
    }

    private static List<Parameter> values(Block b) {
        return b.getParameters().stream().map(Pair::getValue).toList();
    }

    private static List<float[]> snapshot(Block b) {
        return values(b).stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    private static List<float[]> copy(List<float[]> v) {
        return new ArrayList<>(v.stream().map(float[]::clone).toList());
    }

    private static float[] random(long size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
