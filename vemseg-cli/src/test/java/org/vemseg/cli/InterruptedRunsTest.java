package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.EndedProcess;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Runs of {@code convert} in a real child JVM, stopped part-way. Ctrl-C (SIGINT) or SIGTERM leaves no output and,
 * for OME-Zarr, only the partial output that {@code --resume} continues, never a stray temporary: the cleanup once
 * deleted the temporary while copy workers still wrote chunks, which recreated its folders (3 runs of 4 left one
 * behind). SIGKILL cannot clean up, so the next run to the same output removes the temporary a killed TIFF run left,
 * and says so (before, nothing ever did); a killed OME-Zarr run's partial output is continued with {@code --resume}.
 */
class InterruptedRunsTest {

    private static final int RUNS = 6;

    @TempDir
    static Path shared;

    private static Path tif;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeInput() throws IOException {
        tif = noiseTiff(shared.resolve("noise.tif"));
    }

    @Test
    void interruptedConversionsLeaveOnlyTheirPartialOutputWhichResumes() throws Exception {
        Random rng = new Random(5);
        for (int run = 0; run < RUNS; run++) {
            Path out = dir.resolve("run" + run + ".ome.zarr");
            Process p = start(out, "convert", tif.toString(), out.toString(), "-q", "--threads", "4", "--chunk",
                    "4,128,128");
            awaitFirstChunks(p, out);
            Thread.sleep(rng.nextInt(600));
            boolean sigint = run % 2 == 0 && !sigintIgnored();
            if (sigint) {
                assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            } else {
                p.destroy(); // SIGTERM, which runs the same shutdown hooks
            }
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "convert did not stop after the signal");
            assertNotEquals(0, p.exitValue(), "run " + run + " finished before the signal; use a larger volume");
            String log = Files.readString(dir.resolve(out.getFileName() + ".log"));
            assertFalse(log.contains("error"), "stopping is not an error: " + log);
            assertFalse(Files.exists(out), "no output from an interrupted run");
            String partial = AtomicOutput.partialPath(out).getFileName().toString();
            assertEquals(List.of(partial, partial + ".job"), hiddenEntries(), "run " + run + " ("
                    + (sigint ? "SIGINT" : "SIGTERM") + ")");
            if (run < RUNS - 1) {
                AtomicOutput.discardPartial(out);
                Files.delete(dir.resolve(partial + ".job"));
            }
        }
        Path last = dir.resolve("run" + (RUNS - 1) + ".ome.zarr");
        CliRun resumed = CliRun.of("convert", tif.toString(), last.toString(), "-q", "--threads", "4", "--chunk",
                "4,128,128", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("chunks were written by the interrupted run"), resumed.out());
        assertSameVoxels(tif, last);
    }

    @Test
    void aKilledZarrConversionResumesToTheWholeVolume() throws Exception {
        Path out = dir.resolve("killed.ome.zarr");
        Process p = start(out, "convert", tif.toString(), out.toString(), "-q", "--chunk", "4,128,128");
        awaitFirstChunks(p, out);
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertFalse(Files.exists(out));
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(out)), "a killed run keeps its finished chunks");

        CliRun again = CliRun.of("convert", tif.toString(), out.toString(), "-q", "--chunk", "4,128,128");
        assertEquals(VemsegCli.BAD_INPUT, again.exitCode());
        assertTrue(again.err().contains("use --resume to continue it or --overwrite to start again"), again.err());
        CliRun resumed = CliRun.of("convert", tif.toString(), out.toString(), "-q", "--chunk", "4,128,128",
                "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameVoxels(tif, out);
        assertEquals(List.of(), hiddenEntries(), "neither the partial output nor its job record stays");
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().contains(".tmp-")).toList(),
                    "no temporary of a chunk write the kill cut short");
        }
    }

    /** The OME-Zarr output holds the TIFF's voxels, compared slab by slab to keep the test's memory small. */
    private static void assertSameVoxels(Path tif, Path zarr) {
        try (VolumeReader a = Volumes.open(tif.toString()); VolumeReader b = Volumes.open(zarr.toString())) {
            assertEquals(a.info().bounds(), b.info().bounds());
            for (Box slab : new BlockGrid(a.info().bounds(), new int[] {8, 2048, 2048})) {
                assertArrayEquals(a.read(slab).bytes(), b.read(slab).bytes(), slab.toString());
            }
        }
    }

    @Test
    void theNextRunRemovesWhatAKilledConversionLeftAndSaysSo() throws Exception {
        for (String name : new String[] {"killed.tif", "killed-slices"}) {
            Path out = dir.resolve(name);
            Process p = start(out, "convert", tif.toString(), out.toString(), "-q");
            awaitTemporary(p, out);
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            List<Path> left = hiddenEntriesOf(out);
            assertEquals(1, left.size(), "a killed run cannot clean up: " + left);

            CliRun next = CliRun.of("convert", tif.toString(), out.toString(), "--crop", "0:2,:,:", "-q");
            assertEquals(0, next.exitCode(), next.err());
            assertTrue(next.err().matches("vemseg: removed a stale temporary of an interrupted run: "
                    + Pattern.quote(left.get(0).getFileName().toString()) + " \\([0-9.]+ [kMG]B\\)\\R"), next.err());
            assertEquals(List.of(), hiddenEntries(), name);
            assertTrue(Files.exists(out));
        }
    }

    @Test
    void aCsvReportRemovesAKilledRunsTemporaryAndKeepsAConcurrentOnes() throws Exception {
        Path[] d = SyntheticFiles.labelled(dir, 2);
        Path csv = dir.resolve("scores.csv");
        Path stale = Files.writeString(dir.resolve(".scores.csv.vemseg-tmp-" + EndedProcess.pid() + "-1a2b"), "x");
        Path live = Files.writeString(dir.resolve(".scores.csv.vemseg-tmp-" + ProcessHandle.current().pid()
                + "-3c4d"), "x");
        CliRun r = CliRun.of("evaluate", "--prediction", d[1].toString(), "--labels", d[1].toString(), "--csv",
                csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("vemseg: removed a stale temporary of an interrupted run: " + stale.getFileName() + " (1 kB)",
                r.err().strip());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live) && Files.exists(csv));
    }

    /** 64 x 2048 x 2048 random bytes (256 MiB): they compress slowly, so a conversion takes seconds. */
    private static Path noiseTiff(Path tif) throws IOException {
        Files.createDirectories(tif.getParent());
        VolumeInfo info = VolumeInfo.ofSlices(64, 2048, 2048, DataType.UINT8, Optional.empty());
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(tif), info, WriteOptions.defaults())) {
            for (Box b : BlockGrid.of(w.info())) {
                w.write(SyntheticVolumes.random(b, DataType.UINT8, b.z()));
            }
            w.commit();
        }
        return tif;
    }

    private Process start(Path out, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(out.getFileName() + ".log").toFile()).start();
    }

    /** Waits until the run has written chunks into its partial output, so the signal comes mid-copy. */
    private void awaitFirstChunks(Process p, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Path level0 = AtomicOutput.partialPath(out).resolve("0");
            if (Files.isDirectory(level0) && countEntries(level0) > 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no chunks written within a minute: " + Files.readString(
                dir.resolve(out.getFileName() + ".log")));
    }

    /** Waits until the run has written something into its temporary. */
    private void awaitTemporary(Process p, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && p.isAlive()) {
            for (Path temp : hiddenEntriesOf(out)) {
                boolean written = Files.isDirectory(temp) ? countEntries(temp) > 1 : Files.size(temp) > 0;
                if (written) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing written within a minute: " + Files.readString(
                dir.resolve(out.getFileName() + ".log")));
    }

    private List<Path> hiddenEntriesOf(Path out) throws IOException {
        String prefix = "." + out.getFileName() + ".vemseg-tmp";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private List<String> hiddenEntries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static long countEntries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    /**
     * Whether this JVM, and so its children, ignores SIGINT (as a non-interactive shell's background job does);
     * the JVM then installs no handler and Ctrl-C cannot reach it, so such runs use SIGTERM.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
