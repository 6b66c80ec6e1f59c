package org.vemseg.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.vemseg.core.VemsegException;

/** The Spark context of one command run from a front end. */
final class SparkContexts {

    private SparkContexts() {
    }

    /** Whether Spark is on the class path (./vemseg adds it only for {@code --spark}). */
    static boolean onClassPath() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkContexts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts a context on {@code master} ({@code local[N]}, {@code spark://HOST:7077}, or empty under spark-submit,
     * which sets it); the caller stops it.
     *
     * @throws VemsegException.InvalidInput naming the setting {@code spark} when Spark cannot start
     */
    static JavaSparkContext start(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName).setIfMissing("spark.ui.showConsoleProgress", "false");
        if (!master.isEmpty()) {
            conf.setMaster(master);
        }
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new VemsegException.InvalidInput("{spark} " + master + ": cannot start Spark: "
                    + SparkJobs.firstLine(e.getMessage()));
        }
    }
}
