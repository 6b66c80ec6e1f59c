package org.vemseg.nn.bmz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.predict.PlaneNormalization;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.nn.model.ComputeDevice;
import org.vemseg.nn.predict.ModelPredictors;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;
import org.vemseg.nn.predict.TorchScriptOptions;

/**
 * A plain TorchScript file ({@code weights.pt} of the fixture package, made by PyTorch's torch.jit.trace) with the
 * options that replace an rdf.yaml: it predicts like PyTorch's whole image, and bad files and options are refused in
 * one line without output.
 */
class TorchScriptFileTest {

    private static final TorchScriptOptions OPTIONS = TorchScriptOptions.none()
            .withNorm(PlaneNormalization.zeroMeanUnitVariance(1e-6)).withTileMultiple(16).withOutputChannel(1);

    @TempDir
    Path dir;

    /** The fixture package's weights as a plain .pt file. */
    private Path model() throws IOException {
        Path pkg = dir.resolve("pkg.zip");
        try (InputStream in = getClass().getResourceAsStream("/bmz/tiny-unet-torchscript.zip")) {
            Files.copy(in, pkg);
        }
        Path pt = dir.resolve("tiny-unet.pt");
        Files.write(pt, BmzModel.read(pkg).weights());
        return pt;
    }

    private Path synthetic() {
        return SyntheticVolumes.emTif(dir);
    }

    private static PredictionRequest.Builder request(Path model, Path in, Path out, TorchScriptOptions o) {
        return PredictionRequest.builder(List.of(model), VolumeLocation.of(in), VolumeLocation.of(out))
                .optTile(96).optHalo(32).optOverlap(16).optOutputType(OutputType.PROB32).optTorchScript(o);
    }

    @Test
    void aPtFileWithPerSampleNormalisationMatchesPyTorchsWholeImageOnRealEm() throws IOException {
        Path pt = model();
        WholeImageComparison em = WholeImageComparison.emCrop(dir);
        float[] whole = em.whole(pt, "zero-mean-unit-variance");
        Path out = dir.resolve("tiled.tif");
        PredictionJob.run(request(pt, em.tif, out, OPTIONS).optTta(8).build(), Progress.NONE);
        WholeImageComparison.assertMatches(out, whole, ".pt, per-sample zero-mean-unit-variance, tta 8, tiles 96 "
                + "(halo 32)");
    }

    @Test
    void theOutputChannelChoosesWhichChannelIsTheForeground() throws IOException {
        Path pt = model();
        Path img = synthetic();
        Path one = dir.resolve("one.tif");
        Path zero = dir.resolve("zero.tif");
        PredictionJob.run(request(pt, img, one, OPTIONS).build(), Progress.NONE);
        PredictionJob.run(request(pt, img, zero, OPTIONS.withOutputChannel(0)).build(), Progress.NONE);
        Block a = read(one);
        Block b = read(zero);
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(1, a.get(i) + b.get(i), 1e-5, "the model's two softmax channels sum to 1");
            lo = Math.min(lo, a.get(i));
            hi = Math.max(hi, a.get(i));
        }
        assertTrue(hi - lo > 0.01, "probabilities with structure: " + lo + " .. " + hi);
    }

    @Test
    void aPtFileLoadsWithTheOptionsTileMultipleAndTwoClasses() throws IOException {
        try (ModelPredictors p = ModelPredictors.load(List.of(model()), ComputeDevice.CPU, OptionalInt.of(32),
                OPTIONS.withActivation(OutputActivation.NONE))) {
            assertEquals(16, p.members().get(0).predictor().sizeMultiple());
            assertEquals(2, p.members().get(0).predictor().classes());
            assertEquals(32, p.members().get(0).predictor().halo());
            assertEquals(PlaneNormalization.zeroMeanUnitVariance(1e-6), p.members().get(0).normalization());
        }
    }

    @Test
    void missingOptionsAreNamedInOneLineAndNoOutputIsWritten() throws IOException {
        Path out = dir.resolve("out.tif");
        VemsegException e = assertThrows(VemsegException.class, () -> PredictionJob.run(request(model(), synthetic(),
                out, TorchScriptOptions.none().withTileMultiple(16)).build(), Progress.NONE));
        assertTrue(e.getMessage().contains("is a plain TorchScript file with no rdf.yaml to say how to run it: give "
                + "'norm', 'outputChannel'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputChannelOutOfRangeIsRefusedInOneLine() throws IOException {
        Path out = dir.resolve("out.tif");
        VemsegException e = assertThrows(VemsegException.class, () -> PredictionJob.run(request(model(), synthetic(),
                out, OPTIONS.withOutputChannel(2)).build(), Progress.NONE));
        assertTrue(e.getMessage().contains("'outputChannel' 2 does not exist: ") && e.getMessage().endsWith(
                "returns 2 channel(s) (0 to 1)"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(Files.exists(out));
    }

    @Test
    void aPtFileThatIsNotTorchScriptIsRefusedInOneLine() throws IOException {
        Path text = dir.resolve("notes.pt");
        Files.writeString(text, "not a model", StandardCharsets.UTF_8);
        VemsegException e = assertThrows(VemsegException.class,
                () -> ModelPredictors.load(List.of(text), ComputeDevice.CPU, OptionalInt.empty(), OPTIONS));
        assertEquals(text + ": not a TorchScript model (not a zip archive, as torch.jit.save writes)",
                e.getMessage());
        assumeTrue(PyTorch.python().isPresent(), "no python3 with torch: the state-dict case is skipped");
        Path stateDict = dir.resolve("state.pt");
        PyTorch.Result r = PyTorch.run(List.of("-c", "import torch, sys; torch.save(torch.nn.Conv2d(1, 2, 3)"
                + ".state_dict(), sys.argv[1])", stateDict.toString()));
        assertEquals(0, r.exitCode(), r.output());
        e = assertThrows(VemsegException.class,
                () -> ModelPredictors.load(List.of(stateDict), ComputeDevice.CPU, OptionalInt.empty(), OPTIONS));
        assertTrue(e.getMessage().contains("not a TorchScript model (a PyTorch checkpoint (torch.save: a state dict"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void optionsWithoutAPtModelAreRefused() throws IOException {
        Path pkg = dir.resolve("pkg.zip");
        try (InputStream in = getClass().getResourceAsStream("/bmz/tiny-unet-torchscript.zip")) {
            Files.copy(in, pkg);
        }
        VemsegException e = assertThrows(VemsegException.class, () -> ModelPredictors.load(List.of(pkg),
                ComputeDevice.CPU, OptionalInt.empty(), TorchScriptOptions.none().withTileMultiple(32)));
        assertEquals("'tileMultiple' describe plain TorchScript (.pt) models, but " + pkg + " states its own "
                + "(rdf.yaml)", e.getMessage());
    }

    @Test
    void theArchiveTellsItsModuleForwardAndReturn() throws IOException {
        TorchScriptArchive a = TorchScriptArchive.read(model());
        assertEquals(Optional.of("__torch__.TinyUNet"), a.rootClass());
        assertEquals(Optional.of("(x: Tensor) -> Tensor"), a.forward());
        assertEquals(Optional.of("torch.softmax(_4, 1)"), a.returns());
        assertEquals(37, a.tensors());
    }

    private static Block read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll();
        }
    }
}
