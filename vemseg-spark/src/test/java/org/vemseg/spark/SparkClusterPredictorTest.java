package org.vemseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.nn.predict.ClusterPredictor;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;
import org.vemseg.nn.predict.TinyModels;

/**
 * The front ends' way in ({@code predict --spark MASTER}): the {@link ClusterPredictor} found on the class path
 * is Spark's, and it starts its own local context, predicts as one machine does, and stops the context.
 */
class SparkClusterPredictorTest {

    @TempDir
    Path dir;

    @Test
    void theClusterPredictorOnTheClassPathIsSparksAndPredictsAsOneMachine() {
        ClusterPredictor cluster = ClusterPredictor.find();
        assertInstanceOf(SparkClusterPredictor.class, cluster);
        Path input = dir.resolve("in.zarr");
        try (VolumeReader tif = Volumes.open(TinyModels.volume(4, 96, 96, 41).toString())) {
            Volumes.write(VolumeLocation.of(input), tif.readAll(), Optional.empty(), WriteOptions.defaults());
        }
        List<Path> models = List.of(TinyModels.resunet(11, 40, 1));
        Path one = dir.resolve("one/out.zarr");
        Path distributed = dir.resolve("spark/out.zarr");
        PredictionJob.run(request(models, input, one), Progress.NONE);
        PredictionJob.Result r = cluster.run("local[2]", request(models, input, distributed), in -> Progress.NONE,
                warning -> {
                });
        assertEquals(4 * 96 * 96, r.info().voxels());
        assertArrayEquals(read(one), read(distributed));
    }

    @Test
    void aVolumeWiderThan512PixelsGetsTheSamePyramidBuiltOnTheCluster() {
        Path input = dir.resolve("wide.zarr");
        try (VolumeReader tif = Volumes.open(TinyModels.volume(2, 40, 600, 43).toString())) {
            Volumes.write(VolumeLocation.of(input), tif.readAll(), Optional.empty(), WriteOptions.defaults());
        }
        List<Path> models = List.of(TinyModels.resunet(11, 40, 1));
        Path one = dir.resolve("one/out.zarr");
        Path distributed = dir.resolve("spark/out.zarr");
        PredictionJob.run(request(models, input, one), Progress.NONE);
        ClusterPredictor.find().run("local[2]", request(models, input, distributed), in -> Progress.NONE, w -> {
        });
        assertTrue(Files.isDirectory(distributed.resolve("1")), "a second level");
        SameFiles.assertSame(one, distributed);
    }

    @Test
    void aCorruptModelIsOneLineAndLeavesNoOutput() throws IOException {
        Path input = dir.resolve("in.zarr");
        try (VolumeReader tif = Volumes.open(TinyModels.volume(2, 64, 64, 41).toString())) {
            Volumes.write(VolumeLocation.of(input), tif.readAll(), Optional.empty(), WriteOptions.defaults());
        }
        Path model = dir.resolve("corrupt.vsm");
        Files.write(model, Arrays.copyOf(Files.readAllBytes(TinyModels.resunet(11, 40, 1)), 3000));
        Path out = dir.resolve("out.zarr");
        VemsegException e = assertThrows(VemsegException.class, () -> ClusterPredictor.find().run("local[2]",
                request(List.of(model), input, out), in -> Progress.NONE, w -> {
                }));
        assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(out), "no output");
        assertFalse(Files.exists(AtomicOutput.partialPath(out)), "not even a partial one: the models load first");
    }

    private static PredictionRequest request(List<Path> models, Path input, Path output) {
        return PredictionRequest.builder(models, VolumeLocation.of(input), VolumeLocation.of(output)).optTile(128)
                .optOverlap(16).optHalo(32).optChunk(new int[] {2, 64, 64}).build();
    }

    private static byte[] read(Path p) {
        try (VolumeReader r = Volumes.open(p.toString())) {
            return r.readAll().bytes();
        }
    }
}
