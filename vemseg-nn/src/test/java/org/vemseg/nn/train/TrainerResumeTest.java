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

    /** What a run ends with: the losses of iterations 4-6 and every weight of the saved model. */
    private record Outcome(double[] losses, float[][] weights) {

        boolean same(Outcome o) {
            return Arrays.equals(losses, o.losses) && Arrays.deepEquals(weights, o.weights);
        }

        @Override
        public String toString() {
            return "losses " + Arrays.toString(losses);
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
