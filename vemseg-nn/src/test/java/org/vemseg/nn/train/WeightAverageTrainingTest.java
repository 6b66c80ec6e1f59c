package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ResUNet;

/** Weight averaging in whole trainings: what the model keeps and records, and what a resume must match. */
class WeightAverageTrainingTest {

    @TempDir
    Path dir;

    private TrainingConfig.Builder base(Path[] d, String out, WeightAveraging mode) {
        return TrainingConfig.builder(d[0], d[1], dir.resolve(out)).optForeground(OptionalInt.of(1))
                .optArch(Architecture.RESUNET).optWidth(0.125).optPatch(64).optBatch(2).optSeed(5).optIterations(8)
                .optHoldoutSlices(0).optWeightAverage(mode);
    }

    @Test
    void withoutValidationTheModelHoldsTheAverageAndSaysSo() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        for (WeightAveraging mode : WeightAveraging.values()) {
            TrainingResult r = new Trainer().run(base(d, mode + ".vsm", mode).build(), Progress.NONE);
            assertEquals(mode == WeightAveraging.NONE ? null : "the " + mode + " average (no validation)",
                    r.members().get(0).keptWeights());
        }
        Map<String, String> ema = hyperParameters("ema.vsm");
        assertEquals("ema", ema.get("weightAverage"));
        assertEquals("ema of iterations 6-8, time constant 2 iterations", ema.get("averagedWeights"));
        assertEquals("the ema average (no validation)", ema.get("keptWeights"));
        assertEquals("swa of iterations 6-8, 3 samples, batch-norm statistics recomputed on 32 training batches",
                hyperParameters("swa.vsm").get("averagedWeights"));
        Map<String, String> none = hyperParameters("none.vsm");
        assertEquals("none", none.get("weightAverage"));
        assertNull(none.get("keptWeights"));

        float[] trained = firstStatistic("none.vsm");
        assertFalse(java.util.Arrays.equals(trained, firstStatistic("ema.vsm")), "ema averages the statistics");
        assertFalse(java.util.Arrays.equals(trained, firstStatistic("swa.vsm")), "swa recomputes them");
    }

    @Test
    void withValidationTheAverageIsScoredAtTheEndBesideTheTrainedWeights() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        for (WeightAveraging mode : List.of(WeightAveraging.EMA, WeightAveraging.SWA)) {
            TrainingResult r = new Trainer().run(base(d, mode + ".vsm", mode).optValidation(d[0], d[1])
                    .optValidateEvery(4).build(), Progress.NONE);
            String kept = r.members().get(0).keptWeights();
            assertTrue(kept.matches("the (" + mode + " average|trained weights) of iteration [48], the best "
                    + "validated \\(last validation IoU: average 0\\.\\d{4}, trained weights 0\\.\\d{4}\\)"), kept);
            assertEquals(kept, hyperParameters(mode + ".vsm").get("keptWeights"));
        }
    }

    @Test
    void resumeWithOtherAveragingIsRefusedNamingIt() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        Trainer first = new Trainer();
        assertTrue(first.run(base(d, "r.vsm", WeightAveraging.EMA).build(), new StopAfter(2, first::requestStop))
                .interrupted());
        for (WeightAveraging other : List.of(WeightAveraging.SWA, WeightAveraging.NONE)) {
            TrainingConfig c = base(d, "r.vsm", other).optResume(true).build();
            VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                    () -> new Trainer().run(c, Progress.NONE));
            String difference = other == WeightAveraging.SWA ? "weight average: was ema, now swa"
                    : "weight average: was ema, now not set";
            assertTrue(e.getMessage().contains("(" + difference + ")"), e.getMessage());
        }
        TrainingResult resumed = new Trainer().run(base(d, "r.vsm", WeightAveraging.EMA).optResume(true).build(),
                Progress.NONE);
        assertEquals(6, resumed.members().get(0).losses().length);
    }

    @Test
    void aFrozenEncoderStaysExactlyAsItStartedInTheAverage() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        new Trainer().run(base(d, "a.vsm", WeightAveraging.NONE).optIterations(2).build(), Progress.NONE);
        new Trainer().run(base(d, "b.vsm", WeightAveraging.SWA).optInit(dir.resolve("a.vsm")).optFreezeEncoder(true)
                .build(), Progress.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> a = encoder(m, "a.vsm");
            List<Parameter> b = encoder(m, "b.vsm");
            int compared = 0;
            for (int i = 0; i < a.size(); i++) {
                Parameter.Type t = a.get(i).getType();
                if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                    assertArrayEquals(a.get(i).getArray().toFloatArray(), b.get(i).getArray().toFloatArray(), 0f,
                            a.get(i).getName());
                    compared++;
                }
            }
            assertTrue(compared > 20, "compared " + compared);
        }
        assertEquals("the swa average (no validation)", hyperParameters("b.vsm").get("keptWeights"));
    }

    private List<Parameter> encoder(NDManager m, String model) {
        return ((ResUNet) ModelBundle.load(dir.resolve(model), m).members().get(0)).encoder().getParameters()
                .stream().map(Pair::getValue).toList();
    }

    private Map<String, String> hyperParameters(String model) {
        return ModelBundle.readManifest(dir.resolve(model)).members().get(0).provenance().hyperParameters();
    }

    /** The running mean of the model's first batch norm. */
    private float[] firstStatistic(String model) {
        try (NDManager m = NDManager.newBaseManager()) {
            return ModelBundle.load(dir.resolve(model), m).members().get(0).getParameters().stream()
                    .map(Pair::getValue).filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN).findFirst()
                    .orElseThrow().getArray().toFloatArray();
        }
    }
}
