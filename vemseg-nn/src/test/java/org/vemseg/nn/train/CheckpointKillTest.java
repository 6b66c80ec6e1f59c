package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed outright (kill -9, the out-of-memory killer) while it saves a checkpoint runs no shutdown hook
 * and no cleanup: the checkpoint before must still be there, whole, and a resumed run continue from it.
 */
class CheckpointKillTest {

    @TempDir
    Path dir;

    @Test
    void killedWhileSavingLeavesThePreviousCheckpointToResumeFrom() throws Exception {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 4);
        Path out = dir.resolve("killed.vsm");
        Trainer first = new Trainer();
        assertTrue(first.run(TrainUntilKilled.config(d[0], d[1], out, false, 1_000_000),
                new StopAfter(2, first::requestStop)).interrupted());
        Path ckpt = TrainUntilKilled.config(d[0], d[1], out, false, 1).checkpoint(1);
        byte[] before = Files.readAllBytes(ckpt);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaveUntilKilled.class.getName(), ckpt.toString())
                .redirectErrorStream(true);
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("saving", r.readLine());
            // Kill once part of the new checkpoint is written: its temporary exists and is still growing.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaries(ckpt).isEmpty() || Files.size(temporaries(ckpt).get(0)) == 0) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, "the child never started writing");
                Thread.sleep(2);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(p.exitValue() != 0, "killed, not finished");
        assertTrue(Files.size(temporaries(ckpt).get(0)) < 64 << 20, "killed in the middle of the save");
        assertArrayEquals(before, Files.readAllBytes(ckpt), "the previous checkpoint is intact");

        Trainer resumed = new Trainer();
        TrainingResult r = resumed.run(TrainUntilKilled.config(d[0], d[1], out, true, 1_000_000),
                new StopAfter(3, resumed::requestStop));
        assertTrue(r.interrupted());
        assertEquals(1, r.members().get(0).losses().length, "continued from iteration 2, not from scratch");
        assertEquals(3, Checkpoint.load(ckpt).state().iteration());
        assertEquals(List.of(), temporaries(ckpt), "the killed save's temporary is removed");
    }

    private static List<Path> temporaries(Path file) throws Exception {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(f -> f.getFileName().toString().startsWith("." + file.getFileName() + ".tmp-")).toList();
        }
    }
}
