package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.cli.demo.DemoFolder;

/** The README's first command: the whole pipeline on generated data, ending with a useful model. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoTrainsPredictsAndEvaluates() throws Exception {
        Path out = dir.resolve("demo");
        // What an earlier demo left, including the file a rerun used to fail on at its last step.
        Files.createDirectories(out.resolve("train-images.ome.zarr"));
        Files.createDirectories(out.resolve("analysis"));
        Files.writeString(out.resolve("analysis/objects.csv"), "earlier demo");
        Files.writeString(out.resolve("mito.vsm.log.csv"), "earlier demo");
        CliRun r = CliRun.of("demo", "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().startsWith("replacing the earlier demo output in " + out + "\n"), r.out());
        Matcher m = Pattern.compile("IoU (\\d\\.\\d+) on the test volume").matcher(r.out());
        assertTrue(m.find(), r.out());
        double iou = Double.parseDouble(m.group(1));
        // The synthetic mitochondria are easy: a working pipeline is far above chance (~0.1).
        assertTrue(iou > 0.6, "demo IoU " + iou + "\n" + r.out());
        for (String f : new String[] {"mito.vsm", "test-mito-prob.ome.zarr", "analysis/objects.csv",
                "analysis/mesh.ply", "analysis/density-profile.png", DemoFolder.MARKER}) {
            assertTrue(Files.exists(out.resolve(f)), f + " missing\n" + r.out());
        }
        // A third run would replace this one's output too (DemoFolderTest): it holds only what the demo knows.
        try (Stream<Path> written = Files.list(out)) {
            for (Path p : written.toList()) {
                assertTrue(DemoFolder.isDemoOutput(p.getFileName().toString()),
                        p + ": written by the demo, but not recognised as its output when run again");
            }
        }
    }

    @Test
    void aFolderTheDemoDidNotWriteIsRefusedBeforeAnyWork() throws Exception {
        Path mine = Files.writeString(dir.resolve("notes.txt"), "mine");
        long started = System.nanoTime();
        CliRun r = CliRun.of("demo", "--out", dir.toString(), "-q");
        assertEquals(2, r.exitCode(), r.out());
        assertEquals("vemseg: error: " + dir + ": not a folder the demo wrote (it holds notes.txt); give --out a new "
                + "or empty folder", r.err().strip());
        assertTrue(r.out().isEmpty(), r.out());
        assertTrue(System.nanoTime() - started < 10e9, "refused before any work");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "nothing written");
        }
        assertEquals("mine", Files.readString(mine));
    }
}
