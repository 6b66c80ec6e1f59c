package org.vemseg.spark;

import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.vemseg.core.Progress;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.nn.predict.ClusterPredictor;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;

/**
 * {@link SparkPrediction} behind the front ends' {@link ClusterPredictor}: starts a Spark context for one
 * prediction and stops it afterwards.
 */
public final class SparkClusterPredictor implements ClusterPredictor {

    /** For {@link java.util.ServiceLoader}. */
    public SparkClusterPredictor() {
        // nothing to set up before run
    }

    @Override
    public boolean available() {
        return sparkOnClassPath();
    }

    /** Whether Spark's classes are on the class path (they are a provided dependency). */
    static boolean sparkOnClassPath() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkClusterPredictor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public PredictionJob.Result run(String master, PredictionRequest r, Function<VolumeInfo, Progress> progress,
            Consumer<String> warnings) {
        JavaSparkContext spark = SparkContexts.start(master, "vemseg predict " + r.output());
        try {
            return new SparkPrediction(spark).run(r, progress, warnings);
        } finally {
            spark.stop();
        }
    }
}
