package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;

/**
 * {@code vemseg predict} and {@code vemseg info} with a plain TorchScript file: the weights of the fixture package
 * (bench/bmz/make_torchscript_fixture.py) on their own, with the options that replace its rdf.yaml.
 */
class TorchScriptCommandTest {

    /** Surefire runs in the module folder. */
    private static final Path FIXTURE = Path.of("../vemseg-nn/src/test/resources/bmz/tiny-unet-torchscript.zip");
    /** What the fixture's rdf.yaml says, as options. */
    private static final List<String> AS_RDF = List.of("--norm", "zero-mean-unit-variance:fixed:128,40",
            "--tile-multiple", "16", "--output-channel", "1", "--halo", "32");

    @TempDir
    Path dir;

    private Path model() throws IOException {
        Path pt = dir.resolve("tiny-unet.pt");
        try (ZipFile z = new ZipFile(FIXTURE.toFile())) {
            Files.write(pt, z.getInputStream(z.getEntry("weights.pt")).readAllBytes());
        }
        return pt;
    }

    private Path input() {
        return SyntheticVolumes.emTif(dir);
    }

    private static CliRun predict(Path model, Path in, Path out, List<String> options) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--input", in.toString(),
                "--output", out.toString(), "--tta", "2", "--tile", "128", "--overlap", "16", "--output-type",
                "prob32", "-q"));
        args.addAll(options);
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aPtFileWithItsRdfAsOptionsPredictsExactlyAsThePackage() throws IOException {
        Path img = input();
        Path fromPt = dir.resolve("pt.tif");
        CliRun r = predict(model(), img, fromPt, AS_RDF);
        assertEquals(0, r.exitCode(), r.err());
        Path fromPackage = dir.resolve("package.tif");
        assertEquals(0, predict(FIXTURE, img, fromPackage, List.of()).exitCode());
        Block a = read(fromPt);
        Block b = read(fromPackage);
        assertEquals(2 * 96 * 128, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i), a.get(i), 0.0);
        }
        Path perSample = dir.resolve("per-sample.tif");
        List<String> options = new ArrayList<>(AS_RDF);
        options.set(1, "scale-range:1,99.8");
        assertEquals(0, predict(model(), img, perSample, options).exitCode());
        assertNotEquals(read(perSample).get(500), a.get(500), "another normalisation, another prediction");
    }

    @Test
    void aPtFileWithoutOptionsIsRefusedNamingThemAndWritesNothing() throws IOException {
        Path out = dir.resolve("never.tif");
        CliRun r = predict(model(), input(), out, List.of("--tile-multiple", "16"));
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("tiny-unet.pt is a plain TorchScript file with no rdf.yaml to say how to run it: "
                + "give --norm, --output-channel"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badOptionsAreRefusedInOneLine() throws IOException {
        Path img = input();
        Path out = dir.resolve("never.tif");
        List<String> channel = new ArrayList<>(AS_RDF);
        channel.set(5, "2");
        CliRun r = predict(model(), img, out, channel);
        assertNotEquals(0, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--output-channel 2 does not exist"), r.err());
        List<String> norm = new ArrayList<>(AS_RDF);
        norm.set(1, "scale-range:99");
        r = predict(model(), img, out, norm);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("normalisation 'scale-range:99': needs two numbers"), r.err());
        r = predict(FIXTURE, img, out, List.of("--norm", "none"));
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--norm describe plain TorchScript (.pt) models, but"), r.err());
        Path text = dir.resolve("notes.pt");
        Files.writeString(text, "not a model");
        r = predict(text, img, out, AS_RDF);
        assertNotEquals(0, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("notes.pt: not a TorchScript model"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void infoShowsTheModuleAndTheOptionsPredictNeeds() throws IOException {
        CliRun r = CliRun.of("info", model().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("TorchScript (torch.jit.save archive, version 3), no rdf.yaml"), r.out());
        assertTrue(r.out().contains("forward     (x: Tensor) -> Tensor"), r.out());
        assertTrue(r.out().contains("returns     torch.softmax(_4, 1)  (probabilities already"), r.out());
        assertTrue(r.out().contains("needs --norm, --tile-multiple and --output-channel"), r.out());
    }

    private static Block read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll();
        }
    }
}
