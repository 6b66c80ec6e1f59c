package org.vemseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.Shapes;
import org.vemseg.core.report.AnalysisOptions;
import org.vemseg.core.report.AnalysisResult;
import org.vemseg.core.report.ClusterAnalysis;
import org.vemseg.core.report.ObjectAnalysis;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * The front ends' way in ({@code analyze --spark MASTER}): the {@link ClusterAnalysis} found on the class path is
 * Spark's, and it starts its own local context, finds the objects one machine finds, and stops the context.
 */
class SparkClusterAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void theClusterAnalysisOnTheClassPathIsSparksAndFindsTheObjectsOfOneMachine() {
        ClusterAnalysis cluster = ClusterAnalysis.find();
        assertInstanceOf(SparkClusterAnalysis.class, cluster);
        Mask m = Mask.empty(20, 40, 50);
        Shapes.ball(m, 10, 20, 12, 6);
        Shapes.ball(m, 10, 20, 32, 8);
        Block b = Block.allocate(Box.ofShape(20, 40, 50), DataType.UINT8);
        for (int i = 0; i < b.size(); i++) {
            b.bytes()[i] = m.voxels()[i];
        }
        Path input = dir.resolve("mask.zarr");
        Volumes.write(VolumeLocation.of(input), b, Optional.empty(), WriteOptions.defaults());
        AnalysisOptions o = AnalysisOptions.defaults().withLabelsFile(Optional.of("labels.ome.zarr")).withWindow(5);
        AnalysisResult one;
        try (VolumeReader r = Volumes.open(VolumeLocation.of(input))) {
            one = ObjectAnalysis.run(r, input.toString(), dir.resolve("one"), o);
        }
        AnalysisResult spark = cluster.run("local[2]", VolumeLocation.of(input), dir.resolve("spark"), o,
                Progress.NONE);
        assertEquals(2, spark.table().count());
        assertEquals(one.table().objects(), spark.table().objects());
        assertTrue(spark.written().contains(dir.resolve("spark/labels.ome.zarr")), spark.written().toString());
        assertArrayEquals(labels(dir.resolve("one/labels.ome.zarr")), labels(dir.resolve("spark/labels.ome.zarr")));
    }

    private static short[] labels(Path p) {
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            return r.readAll().shorts();
        }
    }
}
