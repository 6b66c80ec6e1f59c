package org.vemseg.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of a test class: local mode with two executor threads and two attempts per task
 * ({@code local[2,2]}, so a task made to fail once is retried), on the loopback address, without the web UI.
 */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start(String appName) {
        return new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName(appName)
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}
