package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.model.Architecture;

class TrainerResumeTest {

    @TempDir
    Path dir;

    private TrainingConfig config(Path[] data, Path out, boolean resume) {
        return TrainingConfig.builder(data[0], data[1], out).validation(data[0], data[1])
                .foreground(OptionalInt.of(1), OptionalInt.of(2)).architecture(Architecture.RESUNET).width(0.125)
                .patch(64).batch(2).iterations(6).checkpointEvery(3).validateEvery(2).seed(7).dice(true)
                .resume(resume).build();
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() {
        Path[] data = TrainingData.synthetic(dir, 6, 96, 3);
        Path straight = dir.resolve("straight.vsm");
        TrainingResult a = new Trainer().run(config(data, straight, false), Progress.NONE);
        assertFalse(a.interrupted());
        assertEquals(6, a.members().get(0).iterations());

        Path resumed = dir.resolve("resumed.vsm");
        Trainer stopping = new Trainer();
        TrainingResult first = stopping.run(config(data, resumed, false), new StopAfter(stopping, 3));
        assertTrue(first.interrupted());
        assertFalse(Files.exists(resumed));
        assertTrue(Files.exists(config(data, resumed, false).checkpoint(1)));
        TrainingResult second = new Trainer().run(config(data, resumed, true), Progress.NONE);
        assertFalse(second.interrupted());
        assertEquals(3, second.members().get(0).losses().length);
        assertArrayEquals(tail(a.members().get(0).losses(), 3), second.members().get(0).losses(), 0.0);

        ModelManifest manifest = ModelBundle.readManifest(resumed);
        assertEquals(6, manifest.members().get(0).provenance().iterations());
        assertNotNull(manifest.members().get(0).provenance().bestIoU());
        try (NDManager m = NDManager.newBaseManager()) {
            Block x = ModelBundle.load(straight, m).members().get(0);
            Block y = ModelBundle.load(resumed, m).members().get(0);
            List<Pair<String, Parameter>> px = x.getParameters().stream().toList();
            List<Pair<String, Parameter>> py = y.getParameters().stream().toList();
            assertEquals(px.size(), py.size());
            for (int i = 0; i < px.size(); i++) {
                assertArrayEquals(px.get(i).getValue().getArray().toFloatArray(),
                        py.get(i).getValue().getArray().toFloatArray(), 0f, px.get(i).getKey());
            }
        }
        assertFalse(Files.exists(config(data, resumed, false).checkpoint(1)), "checkpoint removed when done");
    }

    private static double[] tail(double[] v, int n) {
        return java.util.Arrays.copyOfRange(v, v.length - n, v.length);
    }

    /** Stops the trainer once {@code n} iterations are reported, as Ctrl-C would. */
    private static final class StopAfter implements Progress {
        private final Trainer trainer;
        private final long n;
        private long done;

        StopAfter(Trainer trainer, long n) {
            this.trainer = trainer;
            this.n = n;
        }

        @Override
        public void start(String task, long total, String unit) {
        }

        @Override
        public void advance(long amount) {
            done += amount;
            if (done >= n) {
                trainer.requestStop();
            }
        }

        @Override
        public void finish() {
        }
    }
}
