package org.vemseg.nn.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.testing.SharedData;
import org.vemseg.nn.ReproducibleRuns;
import org.vemseg.nn.bundle.EncoderWeights;
import org.vemseg.nn.train.OptimizerKind;
import org.vemseg.nn.train.StopAfter;

class PretrainerTest {

    @TempDir
    Path dir;

    private static PretrainConfig.Builder tiny(Path patches, Path out) {
        return PretrainConfig.builder(patches, out).optWidth(0.125).optSize(32).optBatch(16).optQueue(64)
                .optBnGroups(2).optSeed(3).optCheckpointEvery(1000);
    }

    @Test
    void lossFallsOnAShortRunAndTheEncoderIsWritten() throws Exception {
        Path patches = Patches.fromVolume(dir, SharedData.require("isbi2012/train-volume.tif"), 2, 64);
        Path out = dir.resolve("enc.weights");
        // momentum 0.99 instead of 0.999: over a few hundred iterations the key encoder must follow the query one
        PretrainResult r = new Pretrainer().run(tiny(patches, out).optSize(64).optMomentum(0.99).optQueue(32)
                .optBnGroups(1).optOptimizer(OptimizerKind.ADAMW).optLr(3e-3).optIterations(200).build(),
                Progress.NONE);
        assertFalse(r.interrupted());
        assertEquals(200, r.iterations());
        assertEquals(128, r.patches());
        // the queue (32 keys) holds real keys after 2 iterations; chance level is ln 33 = 3.50. Learning is slow
        // at this scale (a run is deterministic: seeded, one thread), so the margin is small but real.
        double early = mean(r.losses(), 2, 40);
        double late = mean(r.losses(), 170, 200);
        assertTrue(late < early - 0.1, "loss should fall: iterations 3-40 " + early + ", 171-200 " + late);
        assertTrue(late < Math.log(33) - 0.2, "below chance: " + late);

        EncoderWeights w = EncoderWeights.load(out);
        assertEquals("resnet18", w.header().arch());
        assertEquals(0.125, w.header().width());
        assertEquals(8, w.header().base());
        assertEquals(1, w.header().frames());
        assertEquals(200, w.header().iterations());
        assertEquals(201, Files.readAllLines(dir.resolve("enc.weights.log.csv")).size());
        assertTrue(Files.size(dir.resolve("enc.weights.loss.png")) > 1000);
        assertFalse(Files.exists(dir.resolve("enc.weights.ckpt")), "checkpoint removed when done");
        assertThrows(VemsegException.InvalidInput.class,
                () -> new Pretrainer().run(tiny(patches, out).optIterations(2).build(), Progress.NONE),
                "existing output without --overwrite");
    }

    @Test
    void resumedRunEndsWithTheSameEncoderAsAnUninterruptedOne() {
        Path patches = Patches.write(dir, 2, 64, 5);
        AtomicInteger runs = new AtomicInteger();
        ReproducibleRuns.assertResumedEqualsUninterrupted(
                () -> uninterrupted(patches, dir.resolve("straight" + runs.incrementAndGet() + ".weights")),
                () -> resumed(patches, dir.resolve("resumed" + runs.incrementAndGet() + ".weights")),
                Outcome::same, "losses of iterations 4-6 and encoder weights");
        assertThrows(VemsegException.InvalidInput.class, () -> new Pretrainer().run(
                tiny(patches, dir.resolve("none.weights")).optIterations(6).optResume(true).build(), Progress.NONE),
                "nothing to resume");
    }

    /** What a run ends with: the losses of iterations 4-6 and the saved encoder. */
    private record Outcome(double[] losses, byte[] encoder) {

        boolean same(Outcome o) {
            return Arrays.equals(losses, o.losses) && Arrays.equals(encoder, o.encoder);
        }

        @Override
        public String toString() {
            return "losses " + Arrays.toString(losses);
        }
    }

    private Outcome uninterrupted(Path patches, Path out) {
        PretrainResult a = new Pretrainer().run(tiny(patches, out).optIterations(6).optCheckpointEvery(3).build(),
                Progress.NONE);
        assertFalse(a.interrupted());
        return new Outcome(Arrays.copyOfRange(a.losses(), 3, 6), EncoderWeights.load(out).params());
    }

    private Outcome resumed(Path patches, Path out) {
        PretrainConfig c = tiny(patches, out).optIterations(6).optCheckpointEvery(3).build();
        Pretrainer stopping = new Pretrainer();
        PretrainResult first = stopping.run(c, new StopAfter(3, stopping::requestStop));
        assertTrue(first.interrupted());
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(c.checkpoint()));
        PretrainResult second = new Pretrainer().run(tiny(patches, out).optIterations(6).optCheckpointEvery(3)
                .optResume(true).build(), Progress.NONE);
        assertFalse(second.interrupted());
        assertEquals(6, second.iterations());
        return new Outcome(second.losses(), EncoderWeights.load(out).params());
    }

    @Test
    void anEarlierEncodersLogIsReplacedOnlyWithItsEncoder() throws Exception {
        Path patches = Patches.write(dir, 2, 64, 5);
        Path out = dir.resolve("enc.weights");
        Path log = dir.resolve("enc.weights.log.csv");
        Files.writeString(log, "an unrelated file\n");
        VemsegException unrelated = assertThrows(VemsegException.InvalidInput.class,
                () -> new Pretrainer().run(tiny(patches, out).optIterations(2).build(), Progress.NONE));
        assertEquals(log + ": output exists; use 'overwrite' to replace it", unrelated.getMessage());
        assertEquals("an unrelated file\n", Files.readString(log));

        new Pretrainer().run(tiny(patches, out).optIterations(2).optOverwrite(true).build(), Progress.NONE);
        byte[] encoder = Files.readAllBytes(out);
        byte[] encoderLog = Files.readAllBytes(log);
        PretrainConfig c = tiny(patches, out).optIterations(4).optOverwrite(true).build();
        Pretrainer stopping = new Pretrainer();
        assertTrue(stopping.run(c, new StopAfter(1, stopping::requestStop)).interrupted());
        assertArrayEquals(encoder, Files.readAllBytes(out), "the earlier encoder stays until the new one is written");
        assertArrayEquals(encoderLog, Files.readAllBytes(log), "and so does its log");
        assertEquals(2, Files.readAllLines(c.partialLog()).size(), "the interrupted run's log: header, iteration 1");

        VemsegException again = assertThrows(VemsegException.InvalidInput.class,
                () -> new Pretrainer().run(tiny(patches, out).optIterations(4).build(), Progress.NONE));
        assertEquals(out + ": an interrupted run left a checkpoint (enc.weights.ckpt); use 'resume' to continue it "
                + "or 'overwrite' to start again", again.getMessage());

        new Pretrainer().run(tiny(patches, out).optIterations(4).optResume(true).build(), Progress.NONE);
        assertEquals(List.of("1", "2", "3", "4"), Files.readAllLines(log).stream().skip(1)
                .map(l -> l.split(",")[0]).toList(), "the interrupted run's log, continued");
        assertFalse(Files.exists(c.partialLog()));
        assertFalse(Files.exists(c.checkpoint()));
    }

    @Test
    void emptyFolderFailsWithOneLine() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> new Pretrainer().run(
                tiny(dir, dir.resolve("x.weights")).optIterations(1).build(), Progress.NONE));
        assertTrue(e.getMessage().contains("no PNG patches"), e.getMessage());
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
