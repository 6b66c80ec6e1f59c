package org.vemseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.ops.ClusterConverter;
import org.vemseg.core.ops.ConversionRequest;
import org.vemseg.core.ops.VolumeConverter;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/**
 * {@code convert --spark local[2]} against {@code convert} on one machine, on real Spark in local mode: the OME-Zarr
 * outputs, every pyramid level included, must be identical file for file; bad input fails with one line and leaves
 * no output.
 */
class SparkClusterConverterTest {

    @TempDir
    Path dir;

    /** A 16-bit TIFF stack of 21 x 150 x 140 seeded random voxels with isotropic voxels (z is downsampled too). */
    private Path tiff() {
        Path input = dir.resolve("in.tif");
        org.vemseg.core.io.Volumes.write(VolumeLocation.of(input),
                SyntheticVolumes.random(Box.ofShape(21, 150, 140), DataType.UINT16, 7),
                Optional.of(new VoxelSize(8, 8, 8)), WriteOptions.defaults());
        return input;
    }

    private static ConversionRequest request(Path input, Path output, WriteOptions options) {
        return new ConversionRequest(VolumeLocation.of(input), VolumeLocation.of(output), Optional.of("1:21,3:,:-5"),
                Optional.of(DataType.UINT8), true, Optional.empty(), options.withChunk(new int[] {4, 32, 32})
                .withScaleLevels(3), 2);
    }

    @Test
    void aCroppedRescaledTiffStackConvertsToTheSameFilesAsOneMachinePyramidIncluded() {
        Path input = tiff();
        Path one = dir.resolve("one/out.ome.zarr");
        Path distributed = dir.resolve("spark/out.ome.zarr");
        VolumeConverter.run(request(input, one, WriteOptions.defaults()), Progress.NONE);
        ClusterConverter cluster = ClusterConverter.find();
        assertInstanceOf(SparkClusterConverter.class, cluster);
        AtomicLong voxels = new AtomicLong();
        cluster.run("local[2]", request(input, distributed, WriteOptions.defaults()), counting(voxels));
        SameFiles.assertSame(one, distributed);
        assertTrue(Files.isDirectory(distributed.resolve("2")), "three levels");
        long level0 = 20L * 147 * 135;
        assertTrue(voxels.get() > level0, "progress counts level 0 and the pyramid: " + voxels.get());
    }

    @Test
    void labelsTakeTheMostFrequentValueOnTheClusterToo() {
        Path input = tiff();
        WriteOptions labels = WriteOptions.defaults().withLabels(true);
        Path one = dir.resolve("one/labels.zarr");
        Path distributed = dir.resolve("spark/labels.zarr");
        VolumeConverter.run(request(input, one, labels), Progress.NONE);
        ClusterConverter.find().run("local[2]", request(input, distributed, labels), Progress.NONE);
        SameFiles.assertSame(one, distributed);
    }

    @Test
    void anExistingOutputIsRefusedWithoutOverwriteAndLeftAlone() throws IOException {
        Path input = tiff();
        Path out = dir.resolve("out.zarr");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> ClusterConverter.find()
                .run("local[2]", request(input, out, WriteOptions.defaults()), Progress.NONE));
        assertEquals(out + ": output exists; use 'overwrite' to replace it", e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void aMasterThatCannotBeReachedIsOneLineBeforeSparkStarts() {
        Path input = tiff();
        Path out = dir.resolve("out.zarr");
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> ClusterConverter.find()
                .run("spark://127.0.0.1:1", request(input, out, WriteOptions.defaults()), Progress.NONE));
        assertTrue(e.getMessage().startsWith("'spark' spark://127.0.0.1:1: cannot reach the Spark master at "
                + "127.0.0.1:1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void anInputTheExecutorsCannotSeeFailsWithOneLineNamingItAndNoOutput() throws IOException {
        Path input = tiff();
        Path out = dir.resolve("out.zarr");
        JavaSparkContext spark = SparkContexts.start("local[2]", "vemseg-spark-test");
        try {
            SparkChunkRunner cluster = new SparkChunkRunner(spark);
            // The driver read the input to plan; then it vanishes for the executors, as on a disk only the driver has.
            ChunkRunner hidden = (what, task, boxes, progress) -> {
                try {
                    Files.delete(input);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                cluster.run(what, task, boxes, progress);
            };
            VemsegException e = assertThrows(VemsegException.class, () -> VolumeConverter.run(
                    request(input, out, WriteOptions.defaults()), hidden, Progress.NONE));
            assertTrue(e.getMessage().contains(input.toString()), e.getMessage());
            assertTrue(e.getMessage().endsWith("(on a worker: the input must be on storage every node sees, at the "
                    + "same path)"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(Files.exists(out), "no output under the final name");
            assertFalse(Files.exists(AtomicOutput.partialPath(out)), "nor a partial one: a conversion is not resumed");
        } finally {
            spark.stop();
        }
    }

    @Test
    void aTiffOutputIsRefused() {
        Path input = tiff();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> ClusterConverter.find()
                .run("local[2]", request(input, dir.resolve("out.tif"), WriteOptions.defaults()), Progress.NONE));
        assertTrue(e.getMessage().endsWith("give the output a .zarr path"), e.getMessage());
    }

    private static Progress counting(AtomicLong voxels) {
        return new Progress() {
            @Override
            public void start(String task, long total, String unit) {
            }

            @Override
            public void advance(long amount) {
                voxels.addAndGet(amount);
            }

            @Override
            public void finish() {
            }
        };
    }
}
