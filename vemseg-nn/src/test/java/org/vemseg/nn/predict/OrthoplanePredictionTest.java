package org.vemseg.nn.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.PermutedVolumeReader;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VoxelSize;

/**
 * Orthoplane prediction with a real, briefly trained ensemble of a 1-frame and a 3-frame network, on a small
 * isotropic synthetic volume: the average equals predictions of explicitly transposed copies, averaged.
 */
class OrthoplanePredictionTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;
    private static Path input;

    @BeforeAll
    static void trainAndWriteInput() {
        model = TinyModels.resunet(13, 20, 1, 3);
        input = shared.resolve("iso.tif");
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(36, 40, 48), new VoxelSize(8, 8, 8), 5).generate();
        Volumes.write(VolumeLocation.of(input), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
    }

    private static PredictionRequest.Builder request(Path in, Path output) {
        return PredictionRequest.builder(List.of(model), VolumeLocation.of(in), VolumeLocation.of(output))
                .optTile(128).optOverlap(16).optHalo(32);
    }

    private static Block read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll();
        }
    }

    @Test
    void xyAloneIsTodaysPredictionAndAnIsotropicInputGetsANotice() {
        List<String> warnings = new ArrayList<>();
        PredictionJob.run(request(input, dir.resolve("default.zarr")).build(), Progress.NONE, warnings::add);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("near-isotropic (8 x 8 x 8 nm") && warnings.get(0).contains(
                "{planes} xy,xz,yz"), warnings.get(0));
        warnings.clear();
        PredictionJob.run(request(input, dir.resolve("xy.zarr")).optPlanes(List.of(Plane.XY)).build(), Progress.NONE,
                warnings::add);
        assertEquals(List.of(), warnings, "no notice once the planes are chosen");
        assertArrayEquals(read(dir.resolve("default.zarr")).bytes(), read(dir.resolve("xy.zarr")).bytes());
    }

    /** The voxel-wise mean, in plane order, of prob32 predictions of transposed copies, transposed back. */
    private float[] meanOfTransposedPredictions(List<Plane> planes) {
        float[] sum = null;
        try (VolumeReader source = Volumes.open(VolumeLocation.of(input))) {
            for (Plane p : planes) {
                Path copy = dir.resolve("copy-" + p + ".tif");
                Volumes.write(VolumeLocation.of(copy), new PermutedVolumeReader(source, p.axes()).readAll(),
                        Optional.empty(), WriteOptions.defaults());
                Path predicted = dir.resolve("copy-" + p + ".zarr");
                PredictionJob.run(request(copy, predicted).optOutputType(OutputType.PROB32).build(), Progress.NONE);
                float[] back;
                try (VolumeReader r = Volumes.open(VolumeLocation.of(predicted))) {
                    back = new PermutedVolumeReader(r, p.inverseAxes()).readAll().floats();
                }
                if (sum == null) {
                    sum = new float[back.length];
                }
                for (int i = 0; i < back.length; i++) {
                    sum[i] += back[i];
                }
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= planes.size();
        }
        return sum;
    }

    @Test
    void threePlanesAreTheMeanOfPredictionsOfTransposedCopies() {
        List<Plane> planes = Plane.parseList("xy,xz,yz");
        float[] expected = meanOfTransposedPredictions(planes);
        Path out = dir.resolve("ortho32.zarr");
        PredictionJob.Result r = PredictionJob.run(request(input, out).optOutputType(OutputType.PROB32)
                .optPlanes(planes).build(), Progress.NONE);
        assertEquals(2, r.networks());
        assertEquals(3, r.variants(), "one variant per plane");
        float[] got = read(out).floats();
        assertEquals(expected.length, got.length);
        double differ = 0;
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-6, "voxel " + i);
        }
        float[] xyAlone = read(dir.resolve("copy-xy.zarr")).floats();
        for (int i = 0; i < got.length; i++) {
            differ = Math.max(differ, Math.abs(got[i] - xyAlone[i]));
        }
        assertTrue(differ > 0.01, "the other planes change the prediction (max difference " + differ + ")");
        assertFalse(Files.exists(OrthoplanePrediction.scratchPath(out)), "scratch folder removed");

        Path out8 = dir.resolve("ortho8.zarr");
        Path spread = dir.resolve("spread8.zarr");
        PredictionJob.run(request(input, out8).optPlanes(planes).optUncertainty(VolumeLocation.of(spread)).build(),
                Progress.NONE);
        byte[] got8 = read(out8).bytes();
        for (int i = 0; i < got8.length; i++) {
            int want = Math.round(Math.min(1f, Math.max(0f, expected[i])) * 255f);
            assertEquals(want, got8[i] & 0xFF, 1, "voxel " + i);
        }
        // The spread over the three planes is at least half the largest distance of a plane from the mean.
        byte[] s = read(spread).bytes();
        float[] xz = transposedBack(Plane.XZ);
        int checked = 0;
        for (int i = 0; i < s.length; i++) {
            float gap = Math.abs(xz[i] - expected[i]);
            if (gap > 0.2) {
                assertTrue((s[i] & 0xFF) / 255f >= gap / Math.sqrt(3) - 2 / 255f, "spread at " + i);
                checked++;
            }
        }
        assertTrue(checked > 0, "planes disagree somewhere");
    }

    private float[] transposedBack(Plane p) {
        try (VolumeReader r = Volumes.open(VolumeLocation.of(dir.resolve("copy-" + p + ".zarr")))) {
            return new PermutedVolumeReader(r, p.inverseAxes()).readAll().floats();
        }
    }

    @Test
    void anInterruptedRunIsContinuedOnlyWithResumeAndEqualsAnUninterruptedOne() {
        List<Plane> planes = Plane.parseList("xz,yz");
        Path whole = dir.resolve("whole.zarr");
        PredictionJob.run(request(input, whole).optPlanes(planes).build(), Progress.NONE);
        // An interrupted run: its first plane finished in the scratch folder, nothing else.
        Path out = dir.resolve("resumed.zarr");
        PredictionRequest r = request(input, out).optPlanes(planes).build();
        Path scratch = OrthoplanePrediction.scratchPath(out);
        try (VolumeReader in = Volumes.open(VolumeLocation.of(input))) {
            PredictionRequest first = OrthoplanePrediction.planeRequest(r, Plane.XZ, scratch);
            PredictionJob.run(first, PredictionOutputs.Targets.check(first), new PermutedVolumeReader(in,
                    Plane.XZ.axes()), Plane.XZ, info -> Progress.NONE, w -> { }, UnitRunner.LOCAL, 0);
        }
        VemsegException e = assertThrows(VemsegException.class, () -> PredictionJob.run(r, Progress.NONE));
        String message = e.message(k -> "{" + k + "}");
        assertTrue(message.contains("{resume}") && message.contains("{overwrite}"), message);
        PredictionJob.Result done = PredictionJob.run(request(input, out).optPlanes(planes).optResume(true).build(),
                Progress.NONE);
        assertArrayEquals(read(whole).bytes(), read(out).bytes());
        assertEquals(0, done.skippedBlocks());
        assertFalse(Files.exists(scratch));
    }

    @Test
    void morePlanesNeedAnOmeZarrOutputAndOneMachine() {
        Path out = dir.resolve("out.tif");
        VemsegException e = assertThrows(VemsegException.class, () -> PredictionJob.run(request(input, out)
                .optPlanes(Plane.parseList("xy,yz")).build(), Progress.NONE));
        assertEquals("{planes} xy,yz needs an OME-Zarr {output} (.zarr), which is written block by block; " + out
                + " is not", e.message(k -> "{" + k + "}"));
        assertFalse(Files.exists(out));
        Path zarr = dir.resolve("out.zarr");
        UnitRunner cluster = (job, progress) -> UnitRunner.LOCAL.run(job, progress);
        e = assertThrows(VemsegException.class, () -> PredictionJob.run(request(input, zarr)
                .optPlanes(Plane.parseList("xz")).build(), in -> Progress.NONE, w -> { }, cluster));
        assertTrue(e.message(k -> "{" + k + "}").startsWith("{planes} xz runs on one machine only"), e.getMessage());
        assertFalse(Files.exists(zarr));
    }
}
