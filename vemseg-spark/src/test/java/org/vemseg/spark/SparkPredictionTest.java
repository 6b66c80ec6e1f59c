package org.vemseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;
import org.vemseg.nn.predict.TinyModels;

/**
 * Distributed prediction on a real Spark context in local mode ({@code local[2,2]}: two executor threads, two
 * attempts per task) against the single-machine {@link PredictionJob} on a crop of the CDeep3M mitochondria images
 * with briefly trained networks: the OME-Zarr outputs must be identical, file for file.
 */
class SparkPredictionTest {

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("vemseg-spark-test");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** 8 slices of 160 x 160 from the mitochondria training images, as an OME-Zarr input. */
    private Path crop() {
        Path images = SharedData.require("cdeep3m-mito/train/images");
        Path input = dir.resolve("crop.zarr");
        try (VolumeReader r = Volumes.open(VolumeLocation.of(images))) {
            Block b = r.read(new Box(4, 400, 300, 8, 160, 160)).moveTo(0, 0, 0);
            Volumes.write(VolumeLocation.of(input), b, Optional.empty(),
                    WriteOptions.defaults().withChunk(new int[] {4, 64, 64}));
        }
        return input;
    }

    private static PredictionRequest.Builder request(List<Path> models, Path input, Path output) {
        return PredictionRequest.builder(models, VolumeLocation.of(input), VolumeLocation.of(output)).optTile(128)
                .optOverlap(16).optHalo(32).optChunk(new int[] {2, 64, 64});
    }

    @Test
    void anEnsembleOfTwoModelsWithEightVariantsPredictsTheSameFilesAsOneMachine() {
        Path input = crop();
        List<Path> models = List.of(TinyModels.resunet(11, 40, 1), TinyModels.resunet(12, 40, 1));
        Path one = dir.resolve("one/out.zarr");
        Path distributed = dir.resolve("spark/out.zarr");
        PredictionJob.run(request(models, input, one).optTta(8).build(), Progress.NONE);
        AtomicLong blocks = new AtomicLong();
        PredictionJob.Result r = new SparkPrediction(spark).run(request(models, input, distributed).optTta(8).build(),
                counting(blocks));
        assertEquals(2, r.networks());
        assertEquals(r.blocks(), blocks.get(), "progress counts every block once");
        SameFiles.assertSame(one, distributed);
    }

    @Test
    void aTaskThatFailsMidwayIsRetriedAndTheOutputAndUncertaintyAreTheSame() {
        Path input = crop();
        List<Path> models = List.of(TinyModels.resunet(11, 40, 1));
        Path one = dir.resolve("one/out.zarr");
        Path distributed = dir.resolve("spark/out.zarr");
        PredictionJob.run(request(models, input, one).optTta(2)
                .optUncertainty(VolumeLocation.of(dir.resolve("one/spread.zarr"))).build(), Progress.NONE);
        new SparkPrediction(spark).failing(1, 1).run(request(models, input, distributed).optTta(2)
                .optUncertainty(VolumeLocation.of(dir.resolve("spark/spread.zarr"))).build(), Progress.NONE);
        SameFiles.assertSame(one, distributed);
        SameFiles.assertSame(dir.resolve("one/spread.zarr"), dir.resolve("spark/spread.zarr"));
        assertFalse(Files.exists(AtomicOutput.partialPath(distributed)), "the partial output was committed");
    }

    @Test
    void aModelTrainedOnDownsampledSlicesPredictsTheSameFilesAsOneMachine() {
        Path input = crop();
        List<Path> models = List.of(TinyModels.resunetDownsampled(14, 20, 2, 1));
        Path one = dir.resolve("one/out.zarr");
        Path distributed = dir.resolve("spark/out.zarr");
        // The halo is in the network's pixels: 16 at half resolution is 32 in the volume, as in the other tests. Tiles
        // start on the network's grid of 64 volume pixels, so the valid region of 64 advances by 64 (no overlap).
        PredictionJob.run(request(models, input, one).optHalo(16).optOverlap(0).build(), Progress.NONE);
        new SparkPrediction(spark).run(request(models, input, distributed).optHalo(16).optOverlap(0).build(),
                Progress.NONE);
        SameFiles.assertSame(one, distributed);
    }

    @Test
    void aJobWhoseTaskFailsEveryAttemptLeavesAPartialOutputThatResumeCompletesIdentically() {
        Path input = crop();
        List<Path> models = List.of(TinyModels.resunet(11, 40, 1));
        Path one = dir.resolve("one/out.zarr");
        Path distributed = dir.resolve("spark/out.zarr");
        PredictionJob.run(request(models, input, one).build(), Progress.NONE);
        VemsegException e = assertThrows(VemsegException.class, () -> new SparkPrediction(spark).failing(1, 2)
                .run(request(models, input, distributed).build(), Progress.NONE));
        assertTrue(e.getMessage().startsWith("distributed prediction failed: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(Files.exists(distributed), "no output under the final name");
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(distributed)), "the partial output stays");
        PredictionJob.Result r = new SparkPrediction(spark).run(request(models, input, distributed).optResume(true)
                .build(), Progress.NONE);
        assertTrue(r.skippedBlocks() >= 1, "finished chunks are skipped: " + r.skippedBlocks());
        SameFiles.assertSame(one, distributed);
    }

    @Test
    void aTiffOutputIsRefusedBeforeAnyWork() {
        Path input = dir.resolve("never-read.zarr");
        VemsegException e = assertThrows(VemsegException.class, () -> new SparkPrediction(spark).run(
                request(List.of(dir.resolve("no-model.vsm")), input, dir.resolve("out.tif")).build(),
                Progress.NONE));
        assertTrue(e.getMessage().contains("give 'output' a .zarr path"), e.getMessage());
    }

    private static Progress counting(AtomicLong blocks) {
        return new Progress() {
            @Override
            public void start(String task, long total, String unit) {
            }

            @Override
            public void advance(long amount) {
                blocks.addAndGet(amount);
            }

            @Override
            public void finish() {
            }
        };
    }
}
