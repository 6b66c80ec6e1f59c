package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vemseg export --bmz} with a tiny model trained by {@code vemseg train}, and its bad inputs. */
class ExportCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;

    @BeforeAll
    static void trainTinyModel() {
        model = TinyTrainedModel.train(shared, "mito.vsm", 6).model();
    }

    @Test
    void exportsAPackageWithRdfWeightsArchitectureAndTestTensors() throws IOException {
        Path out = dir.resolve("mito.zip");
        CliRun r = CliRun.of("export", "--bmz", model.toString(), out.toString(), "--author", "Ada Lovelace",
                "--license", "MIT");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(out.toString(), r.out().trim());
        try (ZipFile z = new ZipFile(out.toFile())) {
            for (String f : new String[] {"rdf.yaml", "weights.pt", "vemseg_networks.py", "test_input.npy",
                "test_output.npy", "cover.png", "README.md"}) {
                assertTrue(z.getEntry(f) != null, f + " missing");
            }
            String rdf = new String(z.getInputStream(z.getEntry("rdf.yaml")).readAllBytes());
            assertTrue(rdf.contains("Ada Lovelace") && rdf.contains("license: MIT"), rdf);
        }
    }

    @Test
    void infoShowsAxesNormalisationWeightsAndTestTensorsOfAPackage() {
        Path out = dir.resolve("info.zip");
        assertEquals(0, CliRun.of("export", "--bmz", model.toString(), out.toString()).exitCode());
        CliRun r = CliRun.of("info", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("bioimage.io model 0.5."), r.out());
        // tiles: two halos (resunet's default, 256) and one step of 32
        assertTrue(r.out().contains("input       raw: float32, axes batch, channel (z), y (min 544 step 32"), r.out());
        assertTrue(r.out().contains("fixed_zero_mean_unit_variance(mean="), r.out());
        assertTrue(r.out().contains("y (= raw.y, halo 256"), r.out());
        assertTrue(r.out().contains("test tensor test_input.npy (<f4 1 × 1 × 544 × 544)"), r.out());
        assertTrue(r.out().contains("test tensor test_output.npy (<f4 1 × 2 × 544 × 544)"), r.out());
        assertTrue(r.out().contains("weights     pytorch_state_dict (weights.pt, architecture "
                + "vemseg_networks.py:ResUNet"), r.out());
    }

    @Test
    void infoOfAPackageWithoutRequiredFieldsIsOneLine() throws IOException {
        Path pkg = dir.resolve("bad");
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("rdf.yaml"), "type: model\nformat_version: 0.5.4\nname: x\n");
        CliRun r = CliRun.of("info", pkg.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("lacks the required field(s) description, authors, cite, license, inputs, "
                + "outputs, weights"), r.err());
        Files.writeString(pkg.resolve("rdf.yaml"), "type: model\nformat_version: 0.4.10\nname: x\n");
        CliRun old = CliRun.of("info", pkg.toString());
        assertEquals(2, old.exitCode());
        assertTrue(old.err().contains("format 0.4.10; vemseg reads format 0.5.x"), old.err());
    }

    @Test
    void refusesToReplaceAPackageWithoutOverwrite() throws IOException {
        Path out = dir.resolve("taken.zip");
        Files.writeString(out, "keep");
        CliRun r = CliRun.of("export", "--bmz", model.toString(), out.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals("keep", Files.readString(out));
        assertEquals(0, CliRun.of("export", "--bmz", model.toString(), out.toString(), "--overwrite").exitCode());
    }

    @Test
    void aFileThatIsNoModelGivesOneLineAndNoPackage() throws IOException {
        Path notModel = dir.resolve("x.vsm");
        Files.writeString(notModel, "not a zip");
        Path out = dir.resolve("x.zip");
        CliRun r = CliRun.of("export", "--bmz", notModel.toString(), out.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a vemseg model"), r.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary left behind");
        }
    }

    @Test
    void aLicenseThatIsNoSpdxIdentifierIsAUsageError() {
        CliRun r = CliRun.of("export", "--bmz", model.toString(), dir.resolve("l.zip").toString(), "--license",
                "all rights reserved");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("SPDX"), r.err());
        assertFalse(Files.exists(dir.resolve("l.zip")));
    }
}
