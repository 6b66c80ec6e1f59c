package org.vemseg.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.vemseg.core.Progress;
import org.vemseg.core.ops.ClusterConverter;
import org.vemseg.core.ops.ConversionRequest;
import org.vemseg.core.ops.ConversionResult;
import org.vemseg.core.ops.VolumeConverter;

/**
 * {@code vemseg convert ... --spark MASTER}: the conversion into OME-Zarr of
 * {@link VolumeConverter#run(ConversionRequest, org.vemseg.core.concurrent.ChunkRunner, Progress)} with its slabs and
 * pyramid levels as Spark tasks ({@link SparkChunkRunner}), in a Spark context started for it and stopped afterwards.
 * Each executor reads its own input boxes and writes its own chunks: no voxel passes through the driver.
 */
public final class SparkClusterConverter implements ClusterConverter {

    /** For {@link java.util.ServiceLoader}. */
    public SparkClusterConverter() {
        // nothing to set up before run
    }

    @Override
    public boolean available() {
        return SparkContexts.onClassPath();
    }

    @Override
    public ConversionResult run(String master, ConversionRequest r, Progress progress) {
        JavaSparkContext spark = SparkContexts.start(master, "vemseg convert " + r.output());
        try {
            return VolumeConverter.run(r, new SparkChunkRunner(spark), progress);
        } finally {
            spark.stop();
        }
    }
}
