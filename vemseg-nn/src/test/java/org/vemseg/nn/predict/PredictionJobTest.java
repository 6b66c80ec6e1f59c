package org.vemseg.nn.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.testing.InterruptingProgress;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.bundle.Provenance;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.ComputeDevice;

/**
 * {@link PredictionJob} with real, briefly trained networks: ensembles, test-time augmentation, resume,
 * and the one-line errors for bad input. A small halo (32) and tile (128) keep the tests fast while
 * giving several tiles per slice.
 */
class PredictionJobTest {

    @TempDir
    Path dir;

    private static PredictionRequest.Builder request(List<Path> models, Path input, Path output) {
        return PredictionRequest.builder(models, VolumeLocation.of(input), VolumeLocation.of(output)).optTile(128)
                .optOverlap(16).optHalo(32).optChunk(new int[] {2, 64, 64});
    }

    private static float[] readFloats(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll().floats();
        }
    }

    private static Block read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll();
        }
    }

    @Test
    void anEnsembleOfTwoBundlesIsTheAverageOfTheirPredictions() {
        Path a = TinyModels.resunet(11, 40, 1);
        Path b = TinyModels.resunet(12, 40, 1);
        Path in = TinyModels.volume(2, 160, 160, 31);
        PredictionJob.run(request(List.of(a), in, dir.resolve("a.tif")).optOutputType(OutputType.PROB32).build(),
                Progress.NONE);
        PredictionJob.run(request(List.of(b), in, dir.resolve("b.tif")).optOutputType(OutputType.PROB32).build(),
                Progress.NONE);
        PredictionJob.Result r = PredictionJob.run(request(List.of(a, b), in, dir.resolve("ab.tif"))
                .optOutputType(OutputType.PROB32).build(), Progress.NONE);
        assertEquals(2, r.networks());
        float[] pa = readFloats(dir.resolve("a.tif"));
        float[] pb = readFloats(dir.resolve("b.tif"));
        float[] pab = readFloats(dir.resolve("ab.tif"));
        double differ = 0;
        for (int i = 0; i < pab.length; i++) {
            assertEquals((pa[i] + pb[i]) / 2, pab[i], 1e-5, "voxel " + i);
            differ = Math.max(differ, Math.abs(pa[i] - pb[i]));
        }
        assertTrue(differ > 0.05, "the two models disagree somewhere, so averaging is tested: " + differ);
    }

    @Test
    void anEnsembleBundleWithOneAndThreeFramesPredictsWithEachMembersContext() {
        Path m = TinyModels.resunet(13, 20, 1, 3);
        Path in = TinyModels.volume(3, 96, 96, 32);
        PredictionJob.Result r = PredictionJob.run(request(List.of(m), in, dir.resolve("e.tif")).build(),
                Progress.NONE);
        assertEquals(2, r.networks());
        Block out = read(dir.resolve("e.tif"));
        assertEquals(DataType.UINT8, out.type());
        assertEquals(3 * 96 * 96, out.size());
    }

    @Test
    void eightTestTimeVariantsChangeThePredictionOnlySlightly() {
        Path m = TinyModels.resunet(11, 40, 1);
        Path in = TinyModels.volume(2, 160, 160, 31);
        PredictionJob.run(request(List.of(m), in, dir.resolve("t1.tif")).optOutputType(OutputType.PROB32).build(),
                Progress.NONE);
        PredictionJob.run(request(List.of(m), in, dir.resolve("t8.tif")).optTta(8).optOutputType(OutputType.PROB32)
                .build(), Progress.NONE);
        float[] t1 = readFloats(dir.resolve("t1.tif"));
        float[] t8 = readFloats(dir.resolve("t8.tif"));
        double max = 0;
        double mean = 0;
        int agree = 0;
        for (int i = 0; i < t1.length; i++) {
            double d = Math.abs(t1[i] - t8[i]);
            max = Math.max(max, d);
            mean += d / t1.length;
            agree += (t1[i] >= 0.5) == (t8[i] >= 0.5) ? 1 : 0;
        }
        assertTrue(max > 1e-3, "TTA changes something: max " + max);
        assertTrue(mean < 0.1, "but stays close: mean |difference| " + mean);
        assertTrue(agree > 0.9 * t1.length, "and mostly agrees on the mask: " + agree + " of " + t1.length);
    }

    @Test
    void anInterruptedZarrPredictionResumesToTheSameResult() {
        Path m = TinyModels.resunet(11, 40, 1);
        Path in = TinyModels.volume(4, 160, 160, 33);
        Path full = dir.resolve("full.zarr");
        Path resumed = dir.resolve("resumed.zarr");
        PredictionJob.run(request(List.of(m), in, full).optUncertainty(VolumeLocation.of(dir.resolve("u-full.zarr")))
                .build(), Progress.NONE);
        Progress failing = interruptedAfter(5);
        PredictionRequest req = request(List.of(m), in, resumed)
                .optUncertainty(VolumeLocation.of(dir.resolve("u-resumed.zarr"))).build();
        assertThrows(IllegalStateException.class, () -> PredictionJob.run(req, failing));
        assertFalse(Files.exists(resumed));
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(resumed)), "the partial output stays");

        VemsegException again = assertThrows(VemsegException.class, () -> PredictionJob.run(req, Progress.NONE));
        assertTrue(again.getMessage().contains("'resume'"), again.getMessage());
        VemsegException changed = assertThrows(VemsegException.class, () -> PredictionJob.run(request(List.of(m), in,
                resumed).optUncertainty(VolumeLocation.of(dir.resolve("u-resumed.zarr"))).optTta(2).optResume(true)
                .build(), Progress.NONE));
        assertTrue(changed.getMessage().contains("tta=1, now tta=2"), changed.getMessage());
        // The mirror border changes the voxels near the edges: a resume with another border is refused too.
        VemsegException border = assertThrows(VemsegException.class, () -> PredictionJob.run(request(List.of(m), in,
                resumed).optUncertainty(VolumeLocation.of(dir.resolve("u-resumed.zarr"))).optHaloBorder()
                .optResume(true).build(), Progress.NONE));
        assertTrue(border.getMessage().contains("border=0, now border=halo"), border.getMessage());

        PredictionJob.Result r = PredictionJob.run(request(List.of(m), in, resumed)
                .optUncertainty(VolumeLocation.of(dir.resolve("u-resumed.zarr"))).optResume(true).build(),
                Progress.NONE);
        assertTrue(r.skippedBlocks() >= 1, "skipped " + r.skippedBlocks() + " of " + r.blocks());
        assertTrue(r.skippedBlocks() < r.blocks());
        assertArrayEquals(read(full).bytes(), read(resumed).bytes());
        assertArrayEquals(read(dir.resolve("u-full.zarr")).bytes(), read(dir.resolve("u-resumed.zarr")).bytes());
        assertFalse(Files.exists(AtomicOutput.partialPath(resumed)));
    }

    @Test
    void resumeIsRefusedWhenTheInputChangedSinceTheInterruptedRun() throws IOException {
        Path m = TinyModels.resunet(11, 40, 1);
        Path in = dir.resolve("in.tif");
        Files.copy(TinyModels.volume(4, 160, 160, 33), in);
        byte[] original = Files.readAllBytes(in);
        FileTime originalTime = Files.getLastModifiedTime(in);
        Path out = dir.resolve("out.zarr");
        assertThrows(IllegalStateException.class, () -> PredictionJob.run(request(List.of(m), in, out).build(),
                interruptedAfter(5)));

        // Another volume of the same shape and type: what the old guard (path, shape, type) let through.
        Files.copy(TinyModels.volume(4, 160, 160, 35), in, StandardCopyOption.REPLACE_EXISTING);
        assertMessage(request(List.of(m), in, out).optResume(true).build(), "cannot resume " + out
                + ": the input changed since the interrupted run (content differs); use 'overwrite' to start again");
        // The same voxels written again: only the file's time tells.
        Files.write(in, original);
        Files.setLastModifiedTime(in, FileTime.fromMillis(originalTime.toMillis() + 60_000));
        assertMessage(request(List.of(m), in, out).optResume(true).build(),
                "the input changed since the interrupted run (size or modification time of its files differ)");
        assertFalse(Files.exists(out));
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(out)), "a refusal keeps the partial output");

        Files.setLastModifiedTime(in, originalTime);
        PredictionJob.Result r = PredictionJob.run(request(List.of(m), in, out).optResume(true).build(), Progress.NONE);
        assertTrue(r.skippedBlocks() >= 1, "the unchanged input resumes: skipped " + r.skippedBlocks());
    }

    @Test
    void resumeWithAnotherMemoryBudgetIsRefusedUnlessItGivesTheSameTiling() {
        Path m = TinyModels.resunet(11, 40, 1);
        Path in = TinyModels.volume(4, 160, 160, 33);
        Path full = dir.resolve("full.zarr");
        Path resumed = dir.resolve("resumed.zarr");
        PredictionJob.run(request(List.of(m), in, full).build(), Progress.NONE);
        // The default budget (a quarter of the heap, at least 32 MiB) holds whole 160 x 160 planes.
        assertThrows(IllegalStateException.class, () -> PredictionJob.run(request(List.of(m), in, resumed).build(),
                interruptedAfter(5)));

        // 1 MiB (a small heap) cuts the planes into bands: tiles would be placed elsewhere.
        assertMessage(request(List.of(m), in, resumed).optMemoryBudget(1 << 20).optResume(true).build(),
                "cannot resume " + resumed + ": the tiling changed since the interrupted run (was chunks 2 x 64 x 64, "
                        + "work units 160 x 160 pixels, tiles 128 x 128, now chunks 2 x 64 x 64, work units 64 x 160 "
                        + "pixels, tiles 128 x 128; memory was Java heap ");
        // 512 MiB (a larger heap) still gives whole planes: the same tiling, so resuming is safe.
        PredictionJob.Result r = PredictionJob.run(request(List.of(m), in, resumed).optMemoryBudget(512L << 20)
                .optResume(true).build(), Progress.NONE);
        assertTrue(r.skippedBlocks() >= 1, "skipped " + r.skippedBlocks());
        assertArrayEquals(read(full).bytes(), read(resumed).bytes());

        // Why the refusal matters: banded units blend their tiles differently.
        Path banded = dir.resolve("banded.zarr");
        PredictionJob.run(request(List.of(m), in, banded).optMemoryBudget(1 << 20).build(), Progress.NONE);
        assertFalse(Arrays.equals(read(full).bytes(), read(banded).bytes()), "another tiling, other voxels");
    }

    /** A progress that interrupts the prediction once {@code blocks} blocks are written. */
    private static Progress interruptedAfter(int blocks) {
        return InterruptingProgress.after(blocks);
    }

    /**
     * With every default (the ResUNet's halo of 256 pixels), slices of 96 x 96 are predicted as one mirror padded
     * tile; they used to be refused, and with them the 768 x 1024 Lucchi++ slices a {@code --downsample 4} model
     * (halo 1024) was trained on.
     */
    @Test
    void slicesSmallerThanTheDefaultHaloArePredicted() {
        Path m = TinyModels.resunet(11, 40, 1);
        Path in = TinyModels.volume(2, 96, 96, 34);
        Path out = dir.resolve("small.tif");
        PredictionJob.run(PredictionRequest.builder(List.of(m), VolumeLocation.of(in), VolumeLocation.of(out))
                .optOutputType(OutputType.PROB32).build(), Progress.NONE);
        float[] p = readFloats(out);
        assertEquals(2 * 96 * 96, p.length);
        for (float v : p) {
            assertTrue(v >= 0 && v <= 1, "probability " + v);
        }
    }

    @Test
    void badInputFailsWithOneLineBeforeAnyOutputIsCreated() throws IOException {
        Path m = TinyModels.resunet(11, 40, 1);
        Path in = TinyModels.volume(2, 96, 96, 34);
        Path out = dir.resolve("out.tif");

        Path three = dir.resolve("three-classes.vsm");
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 1, 3, 0.125);
        try (NDManager nd = NDManager.newBaseManager()) {
            new ModelBundle(new ModelManifest(ModelManifest.FORMAT_VERSION, "test", List.of("a", "b", "c"),
                    new Normalisation(128, 40), null, List.of(MemberManifest.of(spec, ModelBundle.weightsEntry(0),
                            Provenance.untrained())), 1), List.of(spec.newInitializedBlock(nd))).save(three, false);
        }
        assertMessage(request(List.of(m, three), in, out).build(), "different classes");

        Path corrupt = Files.writeString(dir.resolve("corrupt.vsm"), "not a model");
        assertMessage(request(List.of(corrupt), in, out).build(), "corrupt.vsm");
        assertMessage(request(List.of(dir.resolve("missing.vsm")), in, out).build(), "missing.vsm");

        assertMessage(request(List.of(m), in, out).optResume(true).build(), "'resume' needs an OME-Zarr output");
        assertMessage(request(List.of(m), in, out).optTta(3).build(), "'tta'");
        assertMessage(request(List.of(m), in, out).optTile(100).build(), "multiple of 32");
        assertMessage(request(List.of(m), in, out).optDevice(ComputeDevice.GPU).build(), "no GPU");
        assertMessage(request(List.of(m), dir.resolve("nothing.tif"), out).build(), "nothing.tif");
        assertFalse(Files.exists(out));

        Files.writeString(out, "existing");
        assertMessage(request(List.of(m), in, out).build(), "output exists; use 'overwrite'");
        PredictionJob.run(request(List.of(m), in, out).optOverwrite(true).build(), Progress.NONE);
        assertEquals(2 * 96 * 96, read(out).size());
    }

    private static void assertMessage(PredictionRequest r, String expected) {
        VemsegException e = assertThrows(VemsegException.class, () -> PredictionJob.run(r, Progress.NONE));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
