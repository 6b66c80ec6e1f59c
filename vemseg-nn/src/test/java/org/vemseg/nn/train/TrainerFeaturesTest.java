package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ResUNet;

class TrainerFeaturesTest {

    @TempDir
    Path dir;

    private TrainingConfig.Builder base(Path[] d, String out) {
        return TrainingConfig.builder(d[0], d[1], dir.resolve(out)).optForeground(OptionalInt.of(1))
                .optArch(Architecture.RESUNET).optWidth(0.125).optPatch(64).optBatch(2).optSeed(5);
    }

    @Test
    void transferLearningWithFrozenEncoderChangesOnlyTheDecoder() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        new Trainer().run(base(d, "a.vsm").optIterations(2).build(), Progress.NONE);
        new Trainer().run(base(d, "b.vsm").optIterations(3).optInit(dir.resolve("a.vsm")).optFreezeEncoder(true)
                .optOptimizer(OptimizerKind.SGD).build(), Progress.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet a = (ResUNet) ModelBundle.load(dir.resolve("a.vsm"), m).members().get(0);
            ResUNet b = (ResUNet) ModelBundle.load(dir.resolve("b.vsm"), m).members().get(0);
            List<Pair<String, Parameter>> ea = a.encoder().getParameters().stream().toList();
            List<Pair<String, Parameter>> eb = b.encoder().getParameters().stream().toList();
            int compared = 0;
            for (int i = 0; i < ea.size(); i++) {
                Parameter.Type t = ea.get(i).getValue().getType();
                if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                    assertArrayEquals(ea.get(i).getValue().getArray().toFloatArray(),
                            eb.get(i).getValue().getArray().toFloatArray(), 0f, ea.get(i).getKey());
                    compared++;
                }
            }
            assertTrue(compared > 20);
            float[] headA = a.getParameters().valueAt(a.getParameters().size() - 2).getArray().toFloatArray();
            float[] headB = b.getParameters().valueAt(b.getParameters().size() - 2).getArray().toFloatArray();
            assertFalse(java.util.Arrays.equals(headA, headB), "decoder weights were trained");
        }
        assertEquals(dir.resolve("a.vsm").toString(),
                ModelBundle.readManifest(dir.resolve("b.vsm")).members().get(0).provenance().initialisedFrom());
    }

    @Test
    void initFromAModelWithoutAMatchingMemberIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        new Trainer().run(base(d, "a.vsm").optIterations(1).build(), Progress.NONE);
        TrainingConfig c = base(d, "b.vsm").optIterations(1).optInit(dir.resolve("a.vsm")).optWidth(0.25).build();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> new Trainer().run(c, Progress.NONE));
        assertEquals(dir.resolve("a.vsm") + ": no member with resunet, 1 frame(s), width 0.25 to start from",
                e.getMessage());
    }

    @Test
    void aTimeBudgetIsTurnedIntoAFixedIterationCount() throws Exception {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        TrainingConfig c = base(d, "t.vsm").optMaxMinutes(0.05).build();
        TrainingResult r = new Trainer().run(c, Progress.NONE);
        long n = r.members().get(0).iterations();
        assertTrue(n >= TimeBudget.FIT_AFTER, "at least the timed iterations ran: " + n);
        assertEquals(n, r.members().get(0).losses().length);
        assertEquals(n, ModelBundle.readManifest(c.out()).members().get(0).provenance().iterations());
        assertEquals(n + 1, Files.readAllLines(c.log()).size());
    }

    @Test
    void resumeWithoutACheckpointIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        TrainingConfig c = base(d, "r.vsm").optIterations(1).optResume(true).build();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> new Trainer().run(c, Progress.NONE));
        assertEquals(c.out() + ": no checkpoint to resume (expected r.vsm.f1.ckpt beside it)", e.getMessage());
    }

    @Test
    void deepEm3dTrainsWithThreeFramesAndSgd() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        TrainingConfig c = base(d, "deep.vsm").optArch(Architecture.DEEPEM3D).optFrames(List.of(3))
                .optOptimizer(OptimizerKind.SGD).optDice(true).optIterations(3).build();
        TrainingResult r = new Trainer().run(c, Progress.NONE);
        assertEquals(3, r.members().get(0).losses().length);
        assertTrue(java.util.Arrays.stream(r.members().get(0).losses()).allMatch(Double::isFinite));
        var member = ModelBundle.readManifest(c.out()).members().get(0);
        assertEquals("deepem3d", member.architecture());
        assertEquals(3, member.frames());
        assertEquals("sgd", member.provenance().hyperParameters().get("optimizer"));
    }
}
