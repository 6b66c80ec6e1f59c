package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** {@code vemseg predict} end to end with a tiny model trained by {@code vemseg train}. */
class PredictCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;
    private static Path input;

    @BeforeAll
    static void trainTinyModel() {
        TinyTrainedModel t = TinyTrainedModel.train(shared, "tiny.vsm", 10);
        model = t.model();
        input = t.images();
    }

    private static Block read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll();
        }
    }

    private static CliRun predict(Path out, String... extra) {
        String[] base = {"predict", "--model", model.toString(), "--input", input.toString(), "--output",
            out.toString(), "--halo", "32", "--tile", "128", "--overlap", "16", "-q"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void predictsToTiffAsEightBitProbabilities() {
        Path out = dir.resolve("p.tif");
        CliRun r = predict(out, "--tta", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err(), "no warning: the input is complete and the disk has room");
        assertTrue(r.out().startsWith("wrote " + out + ": 3 x 96 x 128 prob8, 1 network(s) x 2 variant(s)"), r.out());
        // No mirror border by default: one tile, the plane itself, computes each output voxel once.
        assertTrue(r.out().contains("\nuseful compute 1.00 (tiles 96 x 128)\n"), r.out());
        assertTrue(r.out().contains("\npredicting "), r.out());
        // With the halo's 32 pixels of mirror border, tiles of 128: 2 x 3 of them (stride 32) compute 6 x 128² pixels.
        CliRun halo = predict(dir.resolve("halo.tif"), "--border", "halo");
        assertEquals(0, halo.exitCode(), halo.err());
        assertTrue(halo.out().contains("\nuseful compute 0.13 (tiles 128 x 128)\n"), halo.out());
        CliRun bad = predict(dir.resolve("bad.tif"), "--border", "wide");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("expected pixels (0 or more) or 'halo', was 'wide'"), bad.err());
        Block p = read(out);
        assertEquals(DataType.UINT8, p.type());
        assertEquals(Box.ofShape(3, 96, 128), p.box());
        int min = 255;
        int max = 0;
        for (int i = 0; i < p.size(); i++) {
            min = Math.min(min, (int) p.get(i));
            max = Math.max(max, (int) p.get(i));
        }
        assertTrue(max - min > 50, "probabilities vary over the image: " + min + ".." + max);
    }

    @Test
    void predictsToZarrAsFloatsWithUncertaintyAndAsAMask() throws IOException {
        Path out = dir.resolve("p.zarr");
        Path spread = dir.resolve("u.zarr");
        CliRun r = predict(out, "--output-type", "prob32", "--uncertainty", spread.toString(), "--tta", "4",
                "--batch", "3", "--threads", "1", "--chunk", "2,32,64");
        assertEquals(0, r.exitCode(), r.err());
        Block p = read(out);
        assertEquals(DataType.FLOAT32, p.type());
        assertEquals(Box.ofShape(3, 96, 128), p.box());
        for (float v : p.floats()) {
            assertTrue(v >= 0 && v <= 1, "probability " + v);
        }
        assertTrue(Files.readString(out.resolve("0/.zarray")).replaceAll("\\s", "").contains("\"chunks\":[2,32,64]"),
                "--chunk sets the Zarr chunks");
        Block u = read(spread);
        assertEquals(DataType.FLOAT32, u.type());
        double maxSpread = 0;
        for (float v : u.floats()) {
            assertTrue(v >= 0 && v <= 0.5, "spread of probabilities " + v);
            maxSpread = Math.max(maxSpread, v);
        }
        assertTrue(maxSpread > 0, "variants disagree somewhere");
        assertFalse(Files.exists(AtomicOutput.partialPath(out)));

        Path mask = dir.resolve("mask");
        CliRun m = predict(mask, "--output-type", "mask", "--threshold", "0.5", "--tta", "4");
        assertEquals(0, m.exitCode(), m.err());
        Block b = read(mask);
        int ones = 0;
        for (int i = 0; i < b.size(); i++) {
            double v = b.get(i);
            assertTrue(v == 0 || v == 1, "mask value " + v);
            ones += (int) v;
            assertEquals(p.floats()[i] >= 0.5 ? 1 : 0, (int) v, "voxel " + i);
        }
        assertTrue(ones > 0 && ones < b.size());
    }

    /** A post-processed mask is the plain mask with the same post-processing as analyze and evaluate apply. */
    @Test
    void masksArePostProcessedBeforeTheyAppear() throws IOException {
        Path plain = dir.resolve("plain.tif");
        assertEquals(0, predict(plain, "--output-type", "mask", "--threshold", "0.5").exitCode());
        Block b = read(plain);
        Mask m = new Mask(3, 96, 128, b.bytes().clone());
        PostProcessing post = new PostProcessing(HoleFilling.SLICE, 20);
        PostProcessing.Result expected = post.apply(m, Connectivity.SIX, false);
        Path out = dir.resolve("processed.tif");
        CliRun r = predict(out, "--output-type", "mask", "--threshold", "0.5", "--fill-holes", "--min-size", "20",
                "--connectivity", "6");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("post-processing fill holes 2d, min size 20 voxels: filled "
                + expected.filledVoxels() + " hole voxels; removed " + expected.removedObjects() + " objects"),
                r.out());
        assertTrue(expected.filledVoxels() + expected.removedObjects() > 0, "the tiny model's mask changes");
        byte[] want = new byte[b.size()];
        for (int z = 0; z < 3; z++) {
            byte[] slice = new byte[96 * 128];
            expected.labels().readMask(z, slice);
            System.arraycopy(slice, 0, want, z * slice.length, slice.length);
        }
        assertArrayEquals(want, read(out).bytes());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("vemseg-unprocessed")),
                    "the unprocessed mask is deleted");
        }
        assertOneLineError(predict(dir.resolve("p8.tif"), "--min-size", "5"), "--fill-holes and --min-size "
                + "post-process a mask; give --output-type mask");
        assertOneLineError(predict(dir.resolve("r.zarr"), "--output-type", "mask", "--fill-holes", "--resume"),
                "cannot --resume");
        assertOneLineError(predict(out, "--output-type", "mask", "--fill-holes"), "output exists; use --overwrite");
    }

    @Test
    void sparkWithoutSparkOnTheClassPathIsAOneLineErrorBeforeAnyWork() {
        Path out = dir.resolve("p.zarr");
        CliRun r = predict(out, "--spark", "local[2]");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--spark needs vemseg-spark and Apache Spark on the class path"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void infoAndPredictWarnAboutChunksMissingFromAZarrInput() throws IOException {
        Path zarr = dir.resolve("in.zarr");
        Volumes.write(VolumeLocation.of(zarr), read(input), Optional.empty(),
                WriteOptions.defaults().withChunk(new int[] {1, 48, 64}));
        CliRun complete = CliRun.of("info", "--no-stats", zarr.toString());
        assertEquals(0, complete.exitCode(), complete.err());
        assertFalse(complete.out().contains("warning"), complete.out());

        Files.delete(zarr.resolve("0/2/1/0")); // as an interrupted upload leaves it
        String warning = "warning: " + zarr + ": 1 of 12 chunks are missing and read as the fill value";
        CliRun info = CliRun.of("info", "--no-stats", zarr.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains(warning), info.out());

        Path out = dir.resolve("p.tif");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", zarr.toString(), "--output",
                out.toString(), "--halo", "32", "--tile", "128", "--overlap", "16", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith(warning), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(Files.exists(out), "a warning does not stop the prediction");
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws IOException {
        Path out = dir.resolve("o.tif");
        assertOneLineError(predict(out, "--tta", "3"), "--tta");
        assertOneLineError(predict(out, "--output-type", "png"), "unknown output type 'png'");
        assertOneLineError(predict(out, "--resume"), "--resume needs an OME-Zarr output");
        assertOneLineError(predict(out, "--device", "gpu"), "no GPU");
        assertOneLineError(predict(dir.resolve("c.zarr"), "--chunk", "4,32"), "chunk needs three positive sizes");
        assertFalse(Files.exists(dir.resolve("c.zarr"))
                || Files.exists(AtomicOutput.partialPath(dir.resolve("c.zarr"))));
        Path junk = Files.writeString(dir.resolve("junk.vsm"), "junk");
        assertOneLineError(CliRun.of("predict", "--model", junk.toString(), "--input", input.toString(), "--output",
                out.toString(), "--halo", "32", "-q"), "junk.vsm: not a vemseg model");
        assertFalse(Files.exists(out));
        Files.writeString(out, "x");
        assertOneLineError(predict(out), "output exists; use --overwrite");
        Path zarr = dir.resolve("z.zarr");
        Files.createDirectories(AtomicOutput.partialPath(zarr));
        assertOneLineError(predict(zarr), "use --resume to continue it or --overwrite");
    }

    @Test
    void badPlanesAreOneLineWithExitCode2AndNothingWritten() {
        Path out = dir.resolve("p.zarr");
        assertOneLineError(predict(out, "--planes", "xy,zx"), "--planes: unknown plane 'zx' in 'xy,zx'; valid: "
                + "xy,xz,yz");
        assertOneLineError(predict(out, "--planes", "xy,xz,xy"), "--planes: plane xy is given twice");
        assertOneLineError(predict(out, "--planes", ""), "--planes: unknown plane ''");
        Path tif = dir.resolve("p.tif");
        assertOneLineError(predict(tif, "--planes", "xy,xz,yz"), "--planes xy,xz,yz needs an OME-Zarr --output");
        // The xz slices of a 3-slice volume are 3 pixels deep: the error says which plane it concerns.
        assertOneLineError(predict(out, "--planes", "xy,xz"), "--planes xz: ");
        assertTrue(Files.isDirectory(dir.resolve(".p.zarr.vemseg-planes")), "the xy plane is kept for --resume");
        assertFalse(Files.exists(out) || Files.exists(tif) || Files.exists(AtomicOutput.partialPath(out)));
    }

    private static void assertOneLineError(CliRun r, String expected) {
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(r.err().startsWith("vemseg: error: "), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("vemseg")).count(), r.err());
    }
}
