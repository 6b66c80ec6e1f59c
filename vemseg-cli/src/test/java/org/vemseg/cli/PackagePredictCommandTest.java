package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;

/**
 * {@code vemseg predict} and {@code vemseg info} with a bioimage.io package holding TorchScript weights (the tiny
 * U-Net fixture that vemseg-nn's tests use, made by bench/bmz/make_torchscript_fixture.py).
 */
class PackagePredictCommandTest {

    /** Surefire runs in the module folder. */
    private static final Path FIXTURE = Path.of("../vemseg-nn/src/test/resources/bmz/tiny-unet-torchscript.zip");

    @TempDir
    Path dir;

    private Path input() {
        return SyntheticVolumes.emTif(dir);
    }

    @Test
    void predictsWithAZippedAndAnUnpackedPackageAlike() throws IOException {
        Path img = input();
        Path zipped = dir.resolve("zip.tif");
        CliRun r = CliRun.of("predict", "--model", FIXTURE.toString(), "--input", img.toString(), "--output",
                zipped.toString(), "--tta", "8", "--tile", "128", "--overlap", "16", "--output-type", "prob32", "-q");
        assertEquals(0, r.exitCode(), r.err());
        Path folder = dir.resolve("unpacked");
        try (ZipFile z = new ZipFile(FIXTURE.toFile())) {
            Files.createDirectories(folder);
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                Files.write(folder.resolve(e.getName()), z.getInputStream(e).readAllBytes());
            }
        }
        Path unpacked = dir.resolve("folder.tif");
        assertEquals(0, CliRun.of("predict", "--model", folder.toString(), "--input", img.toString(), "--output",
                unpacked.toString(), "--tta", "8", "--tile", "128", "--overlap", "16", "--output-type", "prob32", "-q")
                .exitCode());
        Block a = read(zipped);
        Block b = read(unpacked);
        assertEquals(2 * 96 * 128, a.size());
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 0.0);
            lo = Math.min(lo, a.get(i));
            hi = Math.max(hi, a.get(i));
        }
        assertTrue(lo >= 0 && hi <= 1 && hi - lo > 0.01, "probabilities with structure: " + lo + " .. " + hi);
    }

    @Test
    void infoShowsTheTorchScriptWeights() {
        CliRun r = CliRun.of("info", FIXTURE.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("weights     torchscript (weights.pt, pytorch 1.13"), r.out());
        assertTrue(r.out().contains("y (min 64 step 16)"), r.out());
    }

    @Test
    void aPackageWithoutTorchScriptWeightsIsRefusedInOneLine() throws IOException {
        Path folder = dir.resolve("statedict");
        Files.createDirectories(folder);
        try (ZipFile z = new ZipFile(FIXTURE.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                byte[] bytes = z.getInputStream(e).readAllBytes();
                if (e.getName().equals("rdf.yaml")) {
                    bytes = new String(bytes).replace("  torchscript:", "  pytorch_state_dict:").getBytes();
                }
                Files.write(folder.resolve(e.getName()), bytes);
            }
        }
        Path out = dir.resolve("never.tif");
        CliRun r = CliRun.of("predict", "--model", folder.toString(), "--input", input().toString(), "--output",
                out.toString(), "-q");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no torchscript weights (it has pytorch_state_dict)"), r.err());
        assertFalse(Files.exists(out));
    }

    private static Block read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll();
        }
    }
}
