package org.vemseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.mesh.MeshFormat;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.report.AnalysisOptions;
import org.vemseg.core.report.AnalysisResult;
import org.vemseg.core.report.ObjectAnalysis;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/**
 * Distributed labelling on a real Spark context in local mode ({@code local[2,2]}: two executor threads, two
 * attempts per task) against the single-machine {@link ObjectAnalysis}: with blocks of a few hundred voxels, objects
 * cross block faces, edges and corners on every axis, and U- and spiral-shaped ones leave and re-enter blocks. The
 * label volumes must be identical voxel for voxel (the same numbering), and the object table and density profiles
 * identical byte for byte.
 */
class SparkAnalysisTest {

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("vemseg-spark-analysis-test");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static AnalysisOptions options(Connectivity c, boolean perSlice, long minSize) {
        return new AnalysisOptions(0.5, minSize, c, perSlice, false, 0, 0, 2, Optional.empty(), false, 0,
                Optional.of("labels.zarr"), Optional.of(new VoxelSize(30, 10, 10)), false);
    }

    /**
     * 24 x 30 x 33 voxels (uint8, 0 or 255): a U whose arms are separate inside the blocks they rise through and meet
     * in a lower block, a spiral winding around the z axis through many blocks, a diagonal chain of voxels touching
     * only at corners, balls on block corners, and sparse noise touching them at faces, edges and corners.
     */
    private static Block shapes() {
        int d = 24;
        int h = 30;
        int w = 33;
        Block b = Block.allocate(Box.ofShape(d, h, w), DataType.UINT8);
        byte[] v = b.bytes();
        // U: two arms along z at x = 3 and x = 12, joined by a bar at z = 20..21.
        for (int z = 2; z < 22; z++) {
            for (int y = 3; y < 5; y++) {
                v[b.index(z, y, 3)] = (byte) 255;
                v[b.index(z, y, 12)] = (byte) 255;
            }
        }
        for (int z = 20; z < 22; z++) {
            for (int x = 3; x <= 12; x++) {
                v[b.index(z, 3, x)] = (byte) 255;
            }
        }
        // Spiral: three turns around (y, x) = (18, 20), rising along z, 2 voxels thick.
        for (int t = 0; t < 3000; t++) {
            double a = t * 3 * 2 * Math.PI / 3000;
            int z = (int) Math.round(1 + 20.0 * t / 3000);
            int y = (int) Math.round(18 + 8 * Math.sin(a));
            int x = (int) Math.round(20 + 8 * Math.cos(a));
            v[b.index(z, y, x)] = (byte) 255;
            v[b.index(z, y, x + 1)] = (byte) 255;
        }
        // A chain of voxels touching only at corners (one object at 26, single voxels at 6 and 18).
        for (int i = 0; i < 9; i++) {
            v[b.index(12 + i, 20 + i % 2, 2 + i)] = (byte) 255;
        }
        // Balls centred on block corners.
        ball(b, 8, 10, 28, 2.5);
        ball(b, 16, 25, 7, 2.2);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < v.length; i++) {
            if (random.nextInt(100) < 4) {
                v[i] = (byte) 255;
            }
        }
        return b;
    }

    private static void ball(Block b, double cz, double cy, double cx, double r) {
        Box box = b.box();
        for (int z = 0; z < box.depth(); z++) {
            for (int y = 0; y < box.height(); y++) {
                for (int x = 0; x < box.width(); x++) {
                    if ((z - cz) * (z - cz) + (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r) {
                        b.bytes()[b.index(z, y, x)] = (byte) 255;
                    }
                }
            }
        }
    }

    private Path write(String name, Block b, int[] chunk) {
        Path p = dir.resolve(name);
        Volumes.write(VolumeLocation.of(p), b, Optional.empty(), WriteOptions.defaults().withChunk(chunk));
        return p;
    }

    @Test
    void objectsCrossingBlockFacesEdgesAndCornersAreLabelledAndMeasuredAsOnOneMachine() {
        Path input = write("shapes.zarr", shapes(), new int[] {8, 8, 8});
        for (Connectivity c : Connectivity.values()) {
            for (boolean perSlice : new boolean[] {false, true}) {
                AnalysisOptions o = options(c, perSlice, 1);
                String name = c + (perSlice ? "-slices" : "");
                AnalysisResult r = assertSameAsOneMachine(input, o, name, new int[] {4, 5, 6});
                assertTrue(r.table().count() > 20, name + ": " + r.table().count() + " objects");
            }
        }
    }

    @Test
    void smallObjectsAreDroppedAndTheRestNumberedAsOnOneMachine() {
        Path input = write("shapes.zarr", shapes(), new int[] {8, 8, 8});
        AnalysisResult r = assertSameAsOneMachine(input, options(Connectivity.TWENTY_SIX, false, 5), "min-size",
                new int[] {4, 4, 4});
        assertTrue(r.table().objects().stream().allMatch(m -> m.voxels() >= 5), "the filter applied");
    }

    @Test
    void aZeroOneUint8MaskAndAFloatProbabilityMapAreThresholdedAsOnOneMachine() {
        Block mask = shapes();
        Block ones = Block.allocate(mask.box(), DataType.UINT8);
        Block probabilities = Block.allocate(mask.box(), DataType.FLOAT32);
        for (int i = 0; i < mask.size(); i++) {
            ones.bytes()[i] = (byte) (mask.bytes()[i] != 0 ? 1 : 0);
            probabilities.floats()[i] = mask.bytes()[i] != 0 ? 0.75f : 0.25f;
        }
        AnalysisOptions o = options(Connectivity.SIX, false, 1);
        AnalysisResult a = assertSameAsOneMachine(write("ones.zarr", ones, new int[] {8, 8, 8}), o, "ones",
                new int[] {6, 6, 6});
        AnalysisResult b = assertSameAsOneMachine(write("probabilities.zarr", probabilities, new int[] {8, 8, 8}), o,
                "probabilities", new int[] {6, 6, 6});
        assertEquals(a.table().count(), b.table().count());
        assertTrue(a.table().count() > 20, "the 0/1 mask is a mask, not an empty probability map");
    }

    @Test
    void aTaskThatFailsAfterWritingAChunkIsRetriedAndTheLabelsAreTheSame() {
        Path input = write("shapes.zarr", shapes(), new int[] {8, 8, 8});
        AnalysisOptions o = options(Connectivity.TWENTY_SIX, false, 1);
        ObjectAnalysis.run(open(input), "shapes", dir.resolve("one"), o.withLabelsFile(Optional.of("labels.tif")));
        // Blocks of 2 x 2 x 2 chunks, so the failing task has written one chunk of its block.
        new SparkAnalysis(spark).withBlocks(new int[] {4, 5, 6}, 8 * 4 * 5 * 6).failing(3, 1)
                .run(VolumeLocation.of(input), dir.resolve("spark"), o, Progress.NONE);
        assertArrayEquals(labels(dir.resolve("one/labels.tif")), labels(dir.resolve("spark/labels.zarr")));
        assertEquals(text(dir.resolve("one/objects.csv")), text(dir.resolve("spark/objects.csv")));
        assertFalse(Files.exists(AtomicOutput.partialPath(dir.resolve("spark/labels.zarr"))),
                "the partial output was committed");
    }

    @Test
    void realMitochondriaAreLabelledAsOnOneMachine() {
        Path mito = SharedData.require("lucchi-pp/train-mito.tif");
        Block crop;
        try (VolumeReader r = Volumes.open(VolumeLocation.of(mito))) {
            crop = r.read(new Box(40, 192, 256, 48, 320, 384)).moveTo(0, 0, 0);
        }
        Path input = write("mito.zarr", crop, new int[] {16, 64, 64});
        AnalysisOptions o = new AnalysisOptions(0.5, 20, Connectivity.TWENTY_SIX, false, false, 0, 0, 1,
                Optional.empty(), false, 0, Optional.of("labels.zarr"), Optional.empty(), false);
        AnalysisResult r = assertSameAsOneMachine(input, o, "mito", new int[] {16, 64, 64});
        assertTrue(r.table().count() >= 5, r.table().count() + " mitochondria");
    }

    @Test
    void optionsThatRunOnOneMachineOnlyAreRefusedBeforeAnyWork() {
        Path input = dir.resolve("never-read.zarr");
        AnalysisOptions o = options(Connectivity.TWENTY_SIX, false, 1);
        assertRefused("'splitTouching' cannot run with 'spark'", input, o.withSplitTouching(true));
        assertRefused("'mesh' cannot run with 'spark'", input, o.withMesh(MeshFormat.STL, false, 0));
        assertRefused("so it must be OME-Zarr; give a .zarr name", input, o.withLabelsFile(Optional.of("labels.tif")));
        assertRefused("give 'labels' a .zarr name instead of none", input, o.withLabelsFile(Optional.empty()));
    }

    private void assertRefused(String expected, Path input, AnalysisOptions o) {
        VemsegException e = assertThrows(VemsegException.class,
                () -> new SparkAnalysis(spark).run(VolumeLocation.of(input), dir.resolve("out"), o, Progress.NONE));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /**
     * Runs both and compares the label volumes voxel for voxel and the table, summary and profiles byte for byte;
     * {@code chunk} is the distributed run's label chunk (and block) shape.
     */
    private AnalysisResult assertSameAsOneMachine(Path input, AnalysisOptions o, String name, int[] chunk) {
        Path one = dir.resolve(name + "/one");
        Path distributed = dir.resolve(name + "/spark");
        AnalysisResult expected = ObjectAnalysis.run(open(input), input.toString(), one, o);
        AnalysisResult actual = new SparkAnalysis(spark).withBlocks(chunk, 1)
                .run(VolumeLocation.of(input), distributed, o, Progress.NONE);
        assertEquals(expected.table().objects(), actual.table().objects(), name);
        assertArrayEquals(labels(one.resolve("labels.zarr")), labels(distributed.resolve("labels.zarr")), name);
        for (String f : new String[] {"objects.csv", "summary.json", "density-profile.csv"}) {
            assertEquals(text(one.resolve(f)), text(distributed.resolve(f)), name + ": " + f);
        }
        assertEquals(expected.warnings(), actual.warnings(), name);
        return actual;
    }

    private static VolumeReader open(Path p) {
        return Volumes.open(VolumeLocation.of(p));
    }

    private static int[] labels(Path p) {
        try (VolumeReader r = open(p)) {
            Block b = r.readAll();
            int[] out = new int[b.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) b.get(i);
            }
            return out;
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
