package org.vemseg.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vemseg.nn.train.OptimizerKind;
import org.vemseg.nn.train.Optimiser;
import org.vemseg.nn.train.SegmentationLoss;

class ResNetEncoderTest {

    @Test
    void resnet50SkipMapsHaveFourTimesTheChannelsAtStrides2To32() {
        ResNetEncoder e = new ResNetEncoder(ResNetDepth.RESNET50, 4);
        assertArrayEquals(new int[] {4, 16, 32, 64, 128}, e.channels());
        assertArrayEquals(new int[] {4, 4, 8, 16, 32}, e.planes());
        try (NDManager m = NDManager.newBaseManager()) {
            e.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDList out = e.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 3, 64, 96))),
                    false);
            assertEquals(List.of(new Shape(2, 4, 32, 48), new Shape(2, 16, 16, 24), new Shape(2, 32, 8, 12),
                    new Shape(2, 64, 4, 6), new Shape(2, 128, 2, 3)), List.of(out.getShapes()));
        }
    }

    /**
     * torchvision's resnet50 has 25,557,032 parameters; without fc (2048 × 1000 + 1000 = 2,049,000) that is
     * 23,508,032 for 3 input channels, which the layer shapes give: stem conv 3·64·7² = 9,408 + BN 2·64; per
     * bottleneck with {@code in} channels and {@code p} planes: in·p + 9p² + 4p² convolution weights and
     * 2(p + p + 4p) BN weights, plus a projection in·4p + 2·4p in the first block of a stage; stages
     * (p, blocks) = (64, 3), (128, 4), (256, 6), (512, 3). Biases: none (BN follows every convolution).
     * BatchNorm's running mean and variance are buffers in PyTorch but parameters in DJL (without gradient):
     * 2 × 26,560 BN channels = 53,120 more values, counted apart.
     */
    @Test
    void resnet50AtWidth1HasTorchvisionsParameterCount() {
        long[] counts = parameterCounts(ResNetDepth.RESNET50);
        assertEquals(23_508_032L, counts[0]);
        assertEquals(53_120L, counts[1]);
    }

    /** torchvision resnet18: 11,689,512 − fc (512 × 1000 + 1000) = 11,176,512; 4,800 BN channels. */
    @Test
    void resnet18AtWidth1HasTorchvisionsParameterCount() {
        long[] counts = parameterCounts(ResNetDepth.RESNET18);
        assertEquals(11_176_512L, counts[0]);
        assertEquals(9_600L, counts[1]);
    }

    /** Values in trainable parameters, then in BN running statistics, of a width-1 encoder on RGB input. */
    private static long[] parameterCounts(ResNetDepth depth) {
        try (NDManager m = NDManager.newBaseManager()) {
            ResNetEncoder e = new ResNetEncoder(depth, 64);
            e.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long[] counts = new long[2];
            for (Parameter p : e.getParameters().values()) {
                counts[p.requiresGradient() ? 0 : 1] += p.getArray().size();
            }
            return counts;
        }
    }

    @Test
    void aFewStepsOnATinyPatchLowerTheLossOfResUNet50() {
        Engine.getInstance().setRandomSeed(7);
        Block net = new NetworkSpec(Architecture.RESUNET50, 1, 2, 0.0625).newBlock();
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 64, 64));
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : net.getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                    trainable.add(p);
                }
            }
            Optimiser opt = Optimiser.create(OptimizerKind.ADAMW, trainable);
            // two 64×64 patches: a bright disk (foreground) on darker noise
            float[] image = new float[2 * 64 * 64];
            byte[] labels = new byte[image.length];
            Random rng = new Random(3);
            for (int i = 0; i < image.length; i++) {
                int y = (i / 64) % 64;
                int x = i % 64;
                boolean inside = (y - 30) * (y - 30) + (x - 34) * (x - 34) < 15 * 15;
                labels[i] = (byte) (inside ? 1 : 0);
                image[i] = (inside ? 1f : -1f) + 0.5f * (float) rng.nextGaussian();
            }
            SegmentationLoss lossFn = new SegmentationLoss(new float[] {1, 1}, false);
            ParameterStore ps = new ParameterStore(m, false);
            double[] losses = new double[12];
            for (int step = 0; step < losses.length; step++) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance()
                        .newGradientCollector()) {
                    NDArray x = s.create(image, new Shape(2, 1, 64, 64));
                    NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                    NDArray loss = lossFn.compute(s, logits, labels);
                    gc.backward(loss);
                    losses[step] = loss.getFloat();
                }
                opt.step(3e-3, step + 1);
            }
            double last = losses[losses.length - 1];
            assertTrue(last < 0.5 * losses[0], "loss should fall: " + Arrays.toString(losses));
        }
    }
}
