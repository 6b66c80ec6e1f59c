package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the whole pipeline on generated data, ending with a useful model. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoTrainsPredictsAndEvaluates() {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Matcher m = Pattern.compile("IoU (\\d\\.\\d+) on the test volume").matcher(r.out());
        assertTrue(m.find(), r.out());
        double iou = Double.parseDouble(m.group(1));
        // The synthetic mitochondria are easy: a working pipeline is far above chance (~0.1).
        assertTrue(iou > 0.6, "demo IoU " + iou + "\n" + r.out());
        for (String f : new String[] {"mito.vsm", "test-mito-prob.ome.zarr", "analysis/objects.csv",
                "analysis/mesh.ply", "analysis/density-profile.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f + " missing\n" + r.out());
        }
    }
}
