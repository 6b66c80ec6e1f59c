package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;

/** Killing a training JVM (SIGTERM, like Ctrl-C) writes a checkpoint that a resumed run continues from. */
class ShutdownCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void terminationWritesACheckpointAndResumeFinishes() throws Exception {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 4);
        Path out = dir.resolve("killed.vsm");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                TrainUntilKilled.class.getName(), d[0].toString(), d[1].toString(), out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("iteration 3")) {
                // wait until a few iterations are done
            }
            p.destroy(); // SIGTERM: runs the shutdown hooks
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        } finally {
            p.destroyForcibly();
        }
        Path ckpt = TrainUntilKilled.config(d[0], d[1], out, false, 1).checkpoint(1);
        assertTrue(Files.exists(ckpt), "checkpoint written on termination");
        assertFalse(Files.exists(out), "no model from an interrupted run");
        long at = Checkpoint.load(ckpt).state().iteration();
        assertTrue(at >= 3, "checkpoint at iteration " + at);

        // Resuming needs the same settings; a short schedule would not match, so resume the long one and stop.
        Trainer t = new Trainer();
        TrainingResult r = t.run(TrainUntilKilled.config(d[0], d[1], out, true, 1_000_000), new Progress() {
            private long seen;

            @Override
            public void start(String task, long total, String unit) {
            }

            @Override
            public void advance(long amount) {
                seen += amount;
                if (seen >= at + 2) {
                    t.requestStop();
                }
            }

            @Override
            public void finish() {
            }
        });
        assertTrue(r.interrupted());
        assertEquals(2, r.members().get(0).losses().length, "continued from the checkpoint, not from scratch");
        assertEquals(at + 2, Checkpoint.load(ckpt).state().iteration());
    }
}
