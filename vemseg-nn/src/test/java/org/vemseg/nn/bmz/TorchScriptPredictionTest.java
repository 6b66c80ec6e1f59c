package org.vemseg.nn.bmz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.predict.Normalization;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.predict.PlaneNormalization;
import org.vemseg.nn.model.ComputeDevice;
import org.vemseg.nn.predict.ModelPredictors;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;

/**
 * A TorchScript U-Net made by PyTorch ({@code bench/bmz/make_torchscript_fixture.py}, committed as a bioimage.io
 * package) predicts through vemseg's tiled path, and bad packages are refused in one line.
 */
class TorchScriptPredictionTest {

    @TempDir
    Path dir;

    private Path fixture() throws IOException {
        return resource("tiny-unet-torchscript.zip");
    }

    /** A copy in the test folder of a fixture made by bench/bmz/make_torchscript_fixture.py. */
    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            try (InputStream in = getClass().getResourceAsStream("/bmz/" + name)) {
                Files.copy(in, p);
            }
        }
        return p;
    }

    @Test
    void packageLoadsWithTheTileStepHaloAndNormalisationOfItsRdf() throws IOException {
        BmzModel m = BmzModel.read(fixture());
        assertEquals(1, m.frames());
        assertEquals(2, m.classes());
        assertEquals(16, m.step());
        assertEquals(32, m.halo());
        assertEquals(new Normalization(128, 40), m.normalization());
        assertTrue(m.test().isPresent());
        // loading runs the test input and compares with the test output (see aPackageWhoseTestOutput...)
        try (ModelPredictors p = ModelPredictors.load(List.of(fixture()), ComputeDevice.CPU, OptionalInt.empty())) {
            assertEquals(1, p.members().size());
            assertEquals(32, p.members().get(0).predictor().halo(), "the package's halo, without a halo setting");
            assertEquals(16, p.members().get(0).predictor().sizeMultiple());
            assertEquals(2, p.members().get(0).predictor().classes());
        }
    }

    @Test
    void aHaloSettingOverridesThePackages() throws IOException {
        try (ModelPredictors p = ModelPredictors.load(List.of(fixture()), ComputeDevice.CPU, OptionalInt.of(48))) {
            assertEquals(48, p.members().get(0).predictor().halo());
        }
    }

    @Test
    void tiledPredictionWithTta8EqualsPyTorchsWholeImageOnRealEm() throws IOException {
        WholeImageComparison em = WholeImageComparison.emCrop(dir);
        Path weights = dir.resolve("weights.pt");
        Files.write(weights, BmzModel.read(fixture()).weights());
        float[] whole = em.whole(weights, "zero-mean-unit-variance:fixed:128,40");
        Path out = dir.resolve("tiled.tif");
        PredictionJob.run(PredictionRequest.builder(List.of(fixture()), VolumeLocation.of(em.tif),
                VolumeLocation.of(out)).optTile(128).optOverlap(16).optTta(8).optOutputType(OutputType.PROB32).build(),
                Progress.NONE);
        WholeImageComparison.assertMatches(out, whole, "TorchScript package, tta 8, tiles 128 (halo 32)");
    }

    @Test
    void aPerSamplePackageNormalisesEachWholePlaneAndMatchesPyTorch() throws IOException {
        Path pkg = resource("tiny-unet-per-sample.zip");
        BmzModel m = BmzModel.read(pkg);
        assertEquals(PlaneNormalization.scaleRange(1, 99.8, 1e-6), m.normalization());
        WholeImageComparison em = WholeImageComparison.emCrop(dir);
        Path weights = dir.resolve("weights.pt");
        Files.write(weights, m.weights());
        float[] whole = em.whole(weights, "scale-range:1,99.8");
        // Tiles of 96 (32 valid pixels) see a small part of the plane each: statistics per tile would differ.
        Path out = dir.resolve("tiled.tif");
        PredictionJob.run(PredictionRequest.builder(List.of(pkg), VolumeLocation.of(em.tif), VolumeLocation.of(out))
                .optTile(96).optOverlap(16).optTta(8).optOutputType(OutputType.PROB32).build(), Progress.NONE);
        WholeImageComparison.assertMatches(out, whole, "per-sample scale_range package, tta 8, tiles 96 (halo 32)");
    }

    @Test
    void weightsWhoseSha256DiffersAreRefused() throws IOException {
        Path bad = edit(fixture(), Map.of("weights.pt", b -> {
            byte[] c = b.clone();
            c[c.length / 2] ^= 1;
            return c;
        }), false);
        VemsegException e = assertThrows(VemsegException.class, () -> BmzModel.read(bad));
        assertTrue(e.getMessage().contains("sha256 of torchscript weights weights.pt does not match"), e.getMessage());
    }

    @Test
    void torchScriptWeightsThatAreSomethingElseAreRefused() throws IOException {
        Path bad = edit(fixture(), Map.of("weights.pt", b -> "not a model".getBytes(StandardCharsets.UTF_8)), true);
        VemsegException e = assertThrows(VemsegException.class,
                () -> ModelPredictors.load(List.of(bad), ComputeDevice.CPU, 192));
        assertTrue(e.getMessage().contains("not a TorchScript model"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aPackageWhoseTestOutputDoesNotReproduceIsRefusedWithTheDifference() throws IOException {
        Path bad = edit(fixture(), Map.of("test_output.npy", b -> {
            byte[] c = b.clone();
            ByteBuffer buf = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
            int at = c.length - 4;
            buf.putFloat(at, buf.getFloat(at) + 0.5f);
            return c;
        }), true);
        VemsegException e = assertThrows(VemsegException.class,
                () -> ModelPredictors.load(List.of(bad), ComputeDevice.CPU, 192));
        assertTrue(e.getMessage().matches(".*the test output does not reproduce: max \\|diff\\| = 0\\.5.*"),
                e.getMessage());
    }

    @Test
    void unsupportedAxesAndPerDatasetNormalisationAreRefused() throws IOException {
        Path z = edit(fixture(), Map.of("rdf.yaml", b -> new String(b, StandardCharsets.UTF_8)
                .replaceFirst("  - type: channel\n    channel_names: \\[z\\]\n",
                        "  - type: channel\n    channel_names: [z]\n"
                        + "  - type: space\n    id: z\n    size: 8\n").getBytes(StandardCharsets.UTF_8)), false);
        VemsegException e = assertThrows(VemsegException.class, () -> BmzModel.read(z));
        assertTrue(e.getMessage().contains("input axes batch,channel,z,y,x; vemseg runs 2D models"), e.getMessage());
        Path perDataset = edit(fixture(), Map.of("rdf.yaml", b -> new String(b, StandardCharsets.UTF_8)
                .replace("id: fixed_zero_mean_unit_variance\n    kwargs: {", "id: zero_mean_unit_variance\n    "
                        + "kwargs: {mode: per_dataset, ").getBytes(StandardCharsets.UTF_8)), false);
        e = assertThrows(VemsegException.class, () -> BmzModel.read(perDataset));
        assertTrue(e.getMessage().contains("preprocessing zero_mean_unit_variance with mode per_dataset"),
                e.getMessage());
        Path perChannel = edit(fixture(), Map.of("rdf.yaml", b -> new String(b, StandardCharsets.UTF_8)
                .replace("mean: 128.0", "mean: [128.0, 120.0]").getBytes(StandardCharsets.UTF_8)), false);
        e = assertThrows(VemsegException.class, () -> BmzModel.read(perChannel));
        assertTrue(e.getMessage().contains("normalisation mean [128.0, 120.0]; vemseg needs one number"),
                e.getMessage());
    }

    /**
     * A copy of {@code zip} with some files changed; with {@code fixSha}, rdf.yaml's sha256 of each changed file is
     * updated so that only the change itself is wrong.
     */
    private Path edit(Path zip, Map<String, UnaryOperator<byte[]>> changes, boolean fixSha) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                files.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        String rdf = new String(files.get("rdf.yaml"), StandardCharsets.UTF_8);
        for (Map.Entry<String, UnaryOperator<byte[]>> c : changes.entrySet()) {
            byte[] before = files.get(c.getKey());
            byte[] after = c.getValue().apply(before);
            files.put(c.getKey(), after);
            if (fixSha) {
                rdf = rdf.replace(Sha256.of(before), Sha256.of(after));
            }
        }
        if (!changes.containsKey("rdf.yaml")) {
            files.put("rdf.yaml", rdf.getBytes(StandardCharsets.UTF_8));
        }
        Path out = Files.createTempFile(dir, "edited", ".zip");
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return out;
    }
}
