package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

/**
 * Every option of every command that takes a list ({@code a,b,c} or repeated), given on a real command line: it
 * must parse and take effect in what the command writes. {@code convert --chunk} once failed for every value
 * because picocli applies an array option's converter to each element, not to the whole list.
 */
class ListOptionsTest {

    @TempDir
    Path dir;

    @Test
    void convertTakesChunkCropAndVoxelSize() throws IOException {
        Path in = SyntheticFiles.tiff(dir); // 24 x 256 x 256
        Path zarr = dir.resolve("out.ome.zarr");
        CliRun r = CliRun.of("convert", in.toString(), zarr.toString(), "--chunk", "8,32,16", "--crop",
                "1:9,:,-64:", "--voxel-size", "50,4,3", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(zarr.resolve("0/.zarray")).replaceAll("\\s", "").contains("\"chunks\":[8,32,16]"),
                "--chunk sets the Zarr chunks");
        try (VolumeReader o = Volumes.open(zarr.toString())) {
            assertEquals(Box.ofShape(8, 256, 64), o.info().bounds(), "--crop");
            assertEquals(new VoxelSize(50, 4, 3), o.info().voxelSize().orElseThrow(), "--voxel-size");
        }
    }

    @Test
    void convertRefusesAChunkThatIsNotThreePositiveSizesInOneLine() {
        Path in = SyntheticFiles.tiff(dir);
        Path zarr = dir.resolve("c.ome.zarr");
        for (String bad : new String[] {"8,32", "8,32,16,4", "0,32,32", "8,x,32"}) {
            CliRun r = CliRun.of("convert", in.toString(), zarr.toString(), "--chunk", bad, "-q");
            assertEquals(VemsegCli.BAD_INPUT, r.exitCode(), bad);
            assertTrue(r.err().startsWith("vemseg: error: ") && r.err().contains("--chunk"), r.err());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("vemseg")).count(), r.err());
        }
        assertTrue(CliRun.of("convert", in.toString(), zarr.toString(), "--chunk", "8,32").err()
                .contains("--chunk must be three positive integers 'z,y,x', e.g. '64,64,64', but was '8,32'"));
        assertFalse(Files.exists(zarr));
    }

    @Test
    void analyzeTakesVoxelSize() throws IOException {
        Block mask = Block.allocate(Box.ofShape(4, 16, 16), org.vemseg.core.volume.DataType.UINT8);
        mask.set(mask.index(1, 5, 5), 1);
        Path in = dir.resolve("mask.tif");
        Volumes.write(VolumeLocation.of(in), mask, Optional.empty(), WriteOptions.defaults());
        Path out = dir.resolve("analysis");
        CliRun r = CliRun.of("analyze", "--input", in.toString(), "--out", out.toString(), "--voxel-size", "40,8,6");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"voxel_size_nm_zyx\": \"40.0,8.0,6.0\""),
                Files.readString(out.resolve("summary.json")));
    }

    @Test
    void curateTakesSeveralInputsRepeatedExcludeGlobsAndAllPlanes() throws IOException {
        Path a = volume(dir.resolve("a/stack.tif"), 1);
        Path b = volume(dir.resolve("b/stack.tif"), 2);
        volume(dir.resolve("b/skip-me.tif"), 3);
        volume(dir.resolve("b/old/stack.tif"), 4);
        Path out = dir.resolve("curated");
        CliRun r = CliRun.of("curate", "--input", a.getParent().toString(), b.getParent().toString(), "--out",
                out.toString(), "--exclude-glob", "skip-*.tif", "--exclude-glob", "old/*", "--planes", "all",
                "--size", "32", "--margin", "0", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("sources: 2 read, 2 skipped (2 excluded"), r.out());
        assertTrue(r.out().contains(a.toString()) && r.out().contains(b.toString()),
                "both --input folders: " + r.out());
        for (String plane : new String[] {"xy", "xz", "yz"}) {
            assertTrue(r.out().matches("(?s).*\\n  " + plane + ": [1-9][0-9]* cropped.*"), plane + ": " + r.out());
        }
    }

    @Test
    void trainTakesFramesClassNamesWeightsAndAugmentationsAndPredictTakesModelsAndChunk() throws IOException {
        Path[] d = SyntheticFiles.labelled(dir, 4);
        Path model = dir.resolve("m.vsm");
        CliRun t = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                model.toString(), "--foreground", "1", "--ignore", "2", "--frames", "1,3", "--class-names",
                "cytoplasm,mitochondrion", "--class-weights", "0.5,2", "--augment", "brightness,noise",
                "--iterations", "1", "--width", "0.125", "--patch", "64", "--batch", "1", "-q");
        assertEquals(0, t.exitCode(), t.err());
        CliRun info = CliRun.of("info", model.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().matches("(?s).*members\\s+2\\R.*"), "--frames 1,3: " + info.out());
        assertTrue(info.out().contains("cytoplasm, mitochondrion"), "--class-names: " + info.out());
        assertTrue(info.out().matches("(?s).*classWeights\\s+\\[0\\.5, 2\\.0\\].*"), "--class-weights: " + info.out());
        assertTrue(info.out().contains("augmentation   Augmentation[geometric=false, brightness=true, contrast=false, "
                + "gamma=false, noise=true,"), "--augment: " + info.out());

        Path zarr = dir.resolve("p.zarr");
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--model", model.toString(), "--input",
                d[0].toString(), "--output", zarr.toString(), "--chunk", "2,32,16", "--tile", "64", "--halo", "16",
                "--overlap", "0", "-q");
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().contains("4 network(s)"), "two --model bundles of two members each: " + p.out());
        assertTrue(Files.readString(zarr.resolve("0/.zarray")).replaceAll("\\s", "").contains("\"chunks\":[2,32,16]"),
                "--chunk sets the Zarr chunks");
    }

    @Test
    void benchmarkTakesDatasets() throws IOException {
        Path weights = dir.resolve("enc.weights");
        CliRun pre = CliRun.of("pretrain", "--patches", SyntheticFiles.noisePatches(dir).toString(),
                "--out", weights.toString(), "--width", "0.0625", "--size", "32", "--batch", "8", "--queue", "16",
                "--iterations", "1", "-q");
        assertEquals(0, pre.exitCode(), pre.err());
        Path data = dir.resolve("data");
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(30, 64, 64), new VoxelSize(30, 8, 8), 3).generate();
        // isbi2012: membranes (synthetic class 2) are label 0; cdeep3m-mito: mitochondria (class 1) are label 1.
        write(data.resolve("isbi2012/train-volume.tif"), s.image());
        write(data.resolve("isbi2012/train-labels.tif"), map(s.labels(), v -> v == 2 ? 0 : 255));
        Block mito = map(s.labels(), v -> v == 1 ? 1 : 0);
        Box train = Box.ofShape(20, 64, 64);
        Box valid = new Box(20, 0, 0, 10, 64, 64);
        write(data.resolve("cdeep3m-mito/train/images"), s.image().crop(train));
        write(data.resolve("cdeep3m-mito/train/labels"), mito.crop(train));
        write(data.resolve("cdeep3m-mito/valid/images"), s.image().crop(valid).moveTo(0, 0, 0));
        write(data.resolve("cdeep3m-mito/valid/labels"), mito.crop(valid).moveTo(0, 0, 0));

        Path table = dir.resolve("table.md");
        CliRun r = CliRun.of("benchmark", "--datasets", "isbi2012,cdeep3m-mito", "--encoder-weights",
                weights.toString(), "--data", data.toString(), "--out", table.toString(), "--iterations", "1",
                "--patch", "32", "--batch", "2", "-q");
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(table).stream().filter(l -> l.startsWith("| ") && !l.startsWith("| -"))
                .toList();
        assertEquals(3, rows.size(), "a header and one row per dataset: " + rows);
        assertTrue(rows.get(1).startsWith("| isbi2012 |") && rows.get(2).startsWith("| cdeep3m-mito |"),
                "in the order given: " + rows);
    }

    /** A 40 x 64 x 64 synthetic EM stack with cubic voxels (so curate --planes all also cuts xz and yz). */
    private static Path volume(Path file, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(40, 64, 64), new VoxelSize(8, 8, 8), seed).generate();
        Volumes.write(VolumeLocation.of(file), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        return file;
    }

    private static void write(Path p, Block b) throws IOException {
        Files.createDirectories(p.getParent());
        Volumes.write(VolumeLocation.of(p), b, Optional.empty(), WriteOptions.defaults());
    }

    private static Block map(Block in, DoubleUnaryOperator f) {
        Block out = Block.allocate(in.box(), in.type());
        for (int i = 0; i < in.size(); i++) {
            out.set(i, f.applyAsDouble(in.get(i)));
        }
        return out;
    }
}
