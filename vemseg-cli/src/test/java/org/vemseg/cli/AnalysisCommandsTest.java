package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/**
 * {@code vemseg evaluate} and {@code vemseg analyze} end to end. Tests that need a volume on disk write a
 * TIFF first and are skipped (not failed) in a build whose TIFF writer is not there yet.
 */
class AnalysisCommandsTest {

    @TempDir
    Path dir;

    @Test
    void helpListsTheOptions() {
        CliRun e = CliRun.of("evaluate", "--help");
        assertEquals(0, e.exitCode());
        assertTrue(e.out().contains("--exclusion-zone") && e.out().contains("--objects"), e.out());
        CliRun a = CliRun.of("analyze", "--help");
        assertEquals(0, a.exitCode());
        assertTrue(a.out().contains("--split-touching") && a.out().contains("--window"), a.out());
        assertTrue(a.out().contains("--fill-holes") && a.out().contains("--min-size")
                && e.out().contains("--fill-holes") && e.out().contains("--min-size"), a.out() + e.out());
        assertTrue(CliRun.of("--help").out().contains("analyze"));
    }

    @Test
    void badOptionValuesAreOneLineUsageErrors() {
        CliRun r = CliRun.of("analyze", "--input", "x.tif", "--out", dir.toString(), "--window", "twenty");
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("'twenty'"), r.err());
        CliRun m = CliRun.of("evaluate", "--prediction", "p.tif");
        assertEquals(VemsegCli.BAD_INPUT, m.exitCode());
        assertTrue(m.err().contains("--labels"), m.err());
    }

    @Test
    void missingInputNamesTheFile() {
        Path p = dir.resolve("missing.tif");
        CliRun r = CliRun.of("analyze", "--input", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode());
        assertTrue(r.err().strip().split("\n").length == 1 && r.err().contains(p.toString()), r.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void sparkWithoutSparkOnTheClassPathIsAOneLineErrorBeforeAnyWork() {
        Path out = dir.resolve("o");
        CliRun r = CliRun.of("analyze", "--input", dir.resolve("p.zarr").toString(), "--out", out.toString(),
                "--spark", "local[2]");
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("--spark needs vemseg-spark and Apache Spark on the class path"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void lengthsParseWithUnits() {
        assertEquals(new Length(20, "um"), Length.parse("20um"));
        assertEquals(new Length(500, "nm"), Length.parse("500nm"));
        assertEquals(new Length(12, "vox"), Length.parse("12vox"));
        assertEquals(new Length(2.5, "um"), Length.parse("2.5"));
        assertEquals(0.5, Length.parse("500nm").inAnalysisUnit(Optional.of(new VoxelSize(50, 4, 4))), 1e-12);
        assertEquals(0.04, Length.parse("10vox").inAnalysisUnit(Optional.of(new VoxelSize(50, 4, 4))), 1e-12);
    }

    @Test
    void evaluateWritesTableJsonAndCsv() throws Exception {
        Block truth = Block.allocate(Box.ofShape(2, 8, 8), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(2, 8, 8), DataType.UINT8);
        for (int i = 0; i < 64; i++) {
            truth.set(i, (i % 8) < 4 ? 255 : 0);
            pred.set(i, (i % 8) < 5 ? 200 : 20);
        }
        Path t = writeTiff("truth.tif", truth);
        Path p = writeTiff("pred.tif", pred);
        CliRun r = CliRun.of("evaluate", "--prediction", p.toString(), "--labels", t.toString(), "--objects",
                "--json", dir.resolve("r.json").toString(), "--csv", dir.resolve("r.csv").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("foreground"), r.out());
        // Slice 0: truth x < 4, prediction x < 5: TP 32, FP 8, FN 0, TN 24 -> Jaccard 0.8.
        assertTrue(r.out().contains("0.8000"), r.out());
        assertTrue(Files.readString(dir.resolve("r.json")).contains("\"objects\""));
        assertTrue(Files.exists(dir.resolve("r.csv")));
    }

    /**
     * The same post-processing options on evaluate and analyze: a 4-slice ring (5 x 5 around a 3 x 3 hole) and a
     * 1-voxel speck; the truth is the filled square. Filling holes adds 36 true positives, --min-size 2 drops
     * the speck (a false positive and an object).
     */
    @Test
    void evaluateAndAnalyzeFillHolesAndRemoveSmallObjects() throws Exception {
        Block truth = Block.allocate(Box.ofShape(4, 9, 9), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(4, 9, 9), DataType.UINT8);
        for (int z = 0; z < 4; z++) {
            for (int y = 1; y < 6; y++) {
                for (int x = 1; x < 6; x++) {
                    truth.set(truth.index(z, y, x), 1);
                    boolean hole = y > 1 && y < 5 && x > 1 && x < 5;
                    pred.set(pred.index(z, y, x), hole ? 0 : 1);
                }
            }
        }
        pred.set(pred.index(2, 7, 7), 1);
        Path t = writeTiff("square.tif", truth);
        Path p = writeTiff("ring.tif", pred);
        CliRun plain = CliRun.of("evaluate", "--prediction", p.toString(), "--labels", t.toString(), "--objects");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("predicted 2, true 1") && !plain.out().contains("post-processing"),
                plain.out());
        CliRun both = CliRun.of("evaluate", "--prediction", p.toString(), "--labels", t.toString(), "--objects",
                "--fill-holes", "--min-size", "2");
        assertEquals(0, both.exitCode(), both.err());
        assertTrue(both.out().contains("filled 36 hole voxels; removed 1 objects (1 voxels)"), both.out());
        assertTrue(both.out().contains("predicted 1, true 1, matched 1"), both.out());
        assertTrue(both.out().contains("1.0000"), both.out()); // perfect Jaccard
        // The ring's hole is open through the top and bottom slices: no 3D hole.
        CliRun threeD = CliRun.of("evaluate", "--prediction", p.toString(), "--labels", t.toString(),
                "--fill-holes=3d");
        assertTrue(threeD.out().contains("filled 0 hole voxels"), threeD.out());
        CliRun a = CliRun.of("analyze", "--input", p.toString(), "--out", dir.resolve("a").toString(), "--fill-holes",
                "--min-size", "2", "--labels", "none");
        assertEquals(0, a.exitCode(), a.err());
        List<String> rows = Files.readAllLines(dir.resolve("a").resolve("objects.csv"));
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("1,100,"), rows.get(1)); // 4 filled 5 x 5 squares
        CliRun bad = CliRun.of("evaluate", "--prediction", p.toString(), "--labels", t.toString(), "--fill-holes=4d");
        assertEquals(VemsegCli.BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("none, 2d, 3d") && bad.err().contains("4d"), bad.err());
        CliRun negative = CliRun.of("evaluate", "--prediction", p.toString(), "--labels", t.toString(), "--min-size",
                "-1");
        assertEquals(VemsegCli.BAD_INPUT, negative.exitCode());
        assertTrue(negative.err().contains("--min-size must be at least 0"), negative.err());
    }

    @Test
    void evaluateRejectsDifferentShapes() throws Exception {
        Path a = writeTiff("a.tif", Block.allocate(Box.ofShape(1, 4, 4), DataType.UINT8));
        Path b = writeTiff("b.tif", Block.allocate(Box.ofShape(1, 4, 5), DataType.UINT8));
        CliRun r = CliRun.of("evaluate", "--prediction", a.toString(), "--labels", b.toString());
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains("1 x 4 x 4") && r.err().contains("1 x 4 x 5"), r.err());
    }

    @Test
    void analyzeWritesObjectsPlotsLabelsAndMesh() throws Exception {
        Block mask = Block.allocate(Box.ofShape(20, 30, 30), DataType.UINT8);
        for (int z = 0; z < 20; z++) {
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 30; x++) {
                    double d1 = Math.pow(z - 10, 2) + Math.pow(y - 8, 2) + Math.pow(x - 8, 2);
                    double d2 = Math.pow(z - 10, 2) + Math.pow(y - 21, 2) + Math.pow(x - 21, 2);
                    if (d1 <= 25 || d2 <= 25) {
                        mask.set(mask.index(z, y, x), 1);
                    }
                }
            }
        }
        Path in = writeTiff("mask.tif", mask);
        Path out = dir.resolve("analysis");
        CliRun r = CliRun.of("analyze", "--input", in.toString(), "--out", out.toString(), "--voxel-size", "40,40,40",
                "--window", "0.4um", "--mesh", "ply");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("objects          2"), r.out());
        for (String f : new String[] {"objects.csv", "summary.json", "density-profile.csv", "density-profile.png",
            "size-histogram.png", "labels.tif", "mesh.ply"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        try (var labels = Volumes.open(out.resolve("labels.tif").toString())) {
            Block l = labels.readAll();
            double first = l.get(l.index(10, 8, 8));
            double second = l.get(l.index(10, 21, 21));
            assertTrue(first > 0 && second > 0 && first != second, first + " " + second);
            assertEquals(0, l.get(0));
        }
        CliRun again = CliRun.of("analyze", "--input", in.toString(), "--out", out.toString());
        assertEquals(VemsegCli.BAD_INPUT, again.exitCode());
        assertTrue(again.err().contains("--overwrite"), again.err());
    }

    /** The library's warnings name settings by key; the command line shows them as its flags. */
    @Test
    void analyzeWarningsNameTheFlags() {
        Block mask = Block.allocate(Box.ofShape(2, 8, 8), DataType.UINT8);
        mask.set(mask.index(1, 4, 4), 1);
        Path in = writeTiff("dot.tif", mask);
        CliRun r = CliRun.of("analyze", "--input", in.toString(), "--out", dir.resolve("dot").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("give --voxel-size z,y,x"), r.out());
        assertFalse(r.out().contains("{") || r.out().contains("'voxelSize'"), r.out());
    }

    /** Writes a TIFF; a TIFF writer that fails fails the test. */
    private Path writeTiff(String name, Block data) {
        Path p = dir.resolve(name);
        Volumes.write(VolumeLocation.of(p), data, Optional.empty(), WriteOptions.defaults());
        return p;
    }
}
