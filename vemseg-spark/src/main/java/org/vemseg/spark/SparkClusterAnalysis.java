package org.vemseg.spark;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.report.AnalysisOptions;
import org.vemseg.core.report.AnalysisResult;
import org.vemseg.core.report.ClusterAnalysis;

/**
 * {@link SparkAnalysis} behind the front ends' {@link ClusterAnalysis}: starts a Spark context for one analysis and
 * stops it afterwards.
 */
public final class SparkClusterAnalysis implements ClusterAnalysis {

    /** For {@link java.util.ServiceLoader}. */
    public SparkClusterAnalysis() {
        // nothing to set up before run
    }

    @Override
    public boolean available() {
        return SparkContexts.onClassPath();
    }

    @Override
    public AnalysisResult run(String master, VolumeLocation input, Path outDir, AnalysisOptions options,
            Progress progress) {
        SparkAnalysis.checkOptions(options);
        JavaSparkContext spark = SparkContexts.start(master, "vemseg analyze " + input);
        try {
            return new SparkAnalysis(spark).run(input, outDir, options, progress);
        } finally {
            spark.stop();
        }
    }
}
