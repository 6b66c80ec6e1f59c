package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vemseg.core.Progress;
import org.vemseg.nn.ReproducibleRuns;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.model.Architecture;

class TrainerResumeTest {

    @TempDir
    Path dir;

    private TrainingConfig config(Path[] data, Path out, boolean resume) {
        return TrainingConfig.builder(data[0], data[1], out).optValidation(data[0], data[1])
                .optForeground(OptionalInt.of(1)).optIgnore(OptionalInt.of(2)).optArch(Architecture.RESUNET)
                .optWidth(0.125)
                .optPatch(64).optBatch(2).optIterations(6).optCheckpointEvery(3).optValidateEvery(2).optSeed(7)
                .optDice(true)
                .optResume(resume).build();
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() {
        Path[] data = TrainingData.synthetic(dir, 6, 96, 3);
        AtomicInteger runs = new AtomicInteger();
        ReproducibleRuns.assertResumedEqualsUninterrupted(
                () -> uninterrupted(data, dir.resolve("straight" + runs.incrementAndGet() + ".vsm")),
                () -> resumed(data, dir.resolve("resumed" + runs.incrementAndGet() + ".vsm")),
                Outcome::same, "losses of iterations 4-6 and final weights");
    }

    /**
     * With weight averaging on, a run stopped after iteration 7 of 8 (the average started at 6: its checkpoint
     * holds two samples) and resumed ends with the same model, average (and SWA's recomputed batch-norm
     * statistics) included, and the same choice of weights as an uninterrupted run.
     */
    @ParameterizedTest
    @CsvSource({"ema, false", "ema, true", "swa, false", "swa, true"})
    void resumedAveragingEndsWithTheSameAverageAsAnUninterruptedOne(String mode, boolean validate) {
        Path[] data = TrainingData.synthetic(dir, 6, 96, 3);
        WeightAveraging averaging = WeightAveraging.fromString(mode);
        AtomicInteger runs = new AtomicInteger();
        ReproducibleRuns.assertResumedEqualsUninterrupted(() -> {
            Path out = dir.resolve("straight" + runs.incrementAndGet() + ".vsm");
            TrainingResult a = new Trainer().run(averaging(data, out, false, averaging, validate), Progress.NONE);
            return new Outcome(tail(a.members().get(0).losses(), 1), weights(out), kept(out));
        }, () -> {
            Path out = dir.resolve("resumed" + runs.incrementAndGet() + ".vsm");
            Trainer stopping = new Trainer();
            TrainingConfig c = averaging(data, out, false, averaging, validate);
            assertTrue(stopping.run(c, new StopAfter(7, stopping::requestStop)).interrupted());
            Checkpoint k = Checkpoint.load(c.checkpoint(1));
            assertEquals(2, k.state().averageSamples(), "samples of iterations 6 and 7");
            assertEquals(6, k.state().averageFrom());
            assertNotNull(k.averageParams());
            TrainingResult second = new Trainer().run(averaging(data, out, true, averaging, validate), Progress.NONE);
            assertEquals(1, second.members().get(0).losses().length);
            return new Outcome(second.members().get(0).losses(), weights(out), kept(out));
        }, Outcome::same, "loss of iteration 8, final weights and the weights kept");
    }

    private static TrainingConfig averaging(Path[] data, Path out, boolean resume, WeightAveraging mode,
            boolean validate) {
        TrainingConfig.Builder b = TrainingConfig.builder(data[0], data[1], out).optForeground(OptionalInt.of(1))
                .optIgnore(OptionalInt.of(2)).optArch(Architecture.RESUNET).optWidth(0.125).optPatch(64).optBatch(2)
                .optIterations(8).optCheckpointEvery(3).optValidateEvery(2).optSeed(7).optHoldoutSlices(0)
                .optWeightAverage(mode).optResume(resume);
        if (validate) {
            b.optValidation(data[0], data[1]);
        }
        return b.build();
    }

    private static String kept(Path model) {
        return ModelBundle.readManifest(model).members().get(0).provenance().hyperParameters().get("keptWeights");
    }

    /** What a run ends with: the losses of its last iterations, every weight of the saved model, what it kept. */
    private record Outcome(double[] losses, float[][] weights, String kept) {

        Outcome(double[] losses, float[][] weights) {
            this(losses, weights, null);
        }

        boolean same(Outcome o) {
            return Arrays.equals(losses, o.losses) && Arrays.deepEquals(weights, o.weights)
                    && java.util.Objects.equals(kept, o.kept);
        }

        @Override
        public String toString() {
            return "losses " + Arrays.toString(losses) + (kept == null ? "" : ", kept " + kept);
        }
    }

    private Outcome uninterrupted(Path[] data, Path out) {
        TrainingResult a = new Trainer().run(config(data, out, false), Progress.NONE);
        assertFalse(a.interrupted());
        assertEquals(6, a.members().get(0).iterations());
        return new Outcome(tail(a.members().get(0).losses(), 3), weights(out));
    }

    private Outcome resumed(Path[] data, Path out) {
        Trainer stopping = new Trainer();
        TrainingResult first = stopping.run(config(data, out, false), new StopAfter(3, stopping::requestStop));
        assertTrue(first.interrupted());
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(config(data, out, false).checkpoint(1)));
        TrainingResult second = new Trainer().run(config(data, out, true), Progress.NONE);
        assertFalse(second.interrupted());
        assertEquals(3, second.members().get(0).losses().length);
        ModelManifest manifest = ModelBundle.readManifest(out);
        assertEquals(6, manifest.members().get(0).provenance().iterations());
        assertNotNull(manifest.members().get(0).provenance().bestIoU());
        assertFalse(Files.exists(config(data, out, false).checkpoint(1)), "checkpoint removed when done");
        return new Outcome(second.members().get(0).losses(), weights(out));
    }

    private static float[][] weights(Path model) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelBundle.load(model, m).members().get(0);
            List<Pair<String, Parameter>> ps = net.getParameters().stream().toList();
            float[][] w = new float[ps.size()][];
            for (int i = 0; i < w.length; i++) {
                w[i] = ps.get(i).getValue().getArray().toFloatArray();
            }
            return w;
        }
    }

    private static double[] tail(double[] v, int n) {
        return java.util.Arrays.copyOfRange(v, v.length - n, v.length);
    }
}
