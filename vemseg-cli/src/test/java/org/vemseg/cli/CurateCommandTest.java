package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.testing.SharedData;

class CurateCommandTest {

    @TempDir
    Path dir;

    /** The CDeep3M folder: the 5 test slices are curated, the label folders next to them are not read. */
    @Test
    void curatesSbemSlicesAndSkipsLabels() throws IOException {
        Path data = SharedData.require("cdeep3m-mito");
        Path out = dir.resolve("curated");
        CliRun r = CliRun.of("curate", "--input", data.resolve("test").toString(), data.resolve("valid").toString(),
                "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        // 15 slices of 1024 x 1024, 16 patches of 224 each; 10 label slices skipped
        assertTrue(r.out().contains("cropped 240 patches of 224 px"), r.out());
        assertTrue(r.out().contains("10 excluded"), r.out());
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals(241, manifest.size());
        assertTrue(manifest.stream().noneMatch(l -> l.contains("mitos_3D")));
        assertTrue(Files.exists(out.resolve("contact_kept.png")));

        CliRun again = CliRun.of("curate", "--input", data.resolve("test").toString(), "--out", out.toString(), "-q");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("output exists"), again.err());
    }

    @Test
    void badPlanesIsAUsageError() {
        CliRun r = CliRun.of("curate", "--input", dir.toString(), "--out", dir.resolve("o").toString(),
                "--planes", "xz");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Invalid value for option '--planes': expected one of [XY, ALL] (case-insensitive) "
                + "but was 'xz'"), r.err());
    }
}
