package org.vemseg.core.report;

import java.nio.file.Path;
import org.vemseg.core.ClusterServices;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;

/**
 * Runs {@link ObjectAnalysis} on a cluster rather than on this machine, with the same objects and the same
 * table. vemseg-spark implements it; a front end finds it with {@link #find()} only when a cluster is asked for,
 * so that the cluster's libraries (large) are on the class path and load only then.
 */
public interface ClusterAnalysis {

    /** Whether the cluster's libraries are on the class path. */
    boolean available();

    /**
     * Analyses {@code input} on the cluster at {@code master} (for Spark: {@code local[N]} in this process,
     * {@code spark://HOST:7077}, or empty under spark-submit, which sets it) as {@link ObjectAnalysis#run} does on
     * this machine. The input and {@code outDir} must be on storage that every node sees.
     *
     * @throws VemsegException.InvalidInput naming the setting when an option cannot run on the cluster
     */
    AnalysisResult run(String master, VolumeLocation input, Path outDir, AnalysisOptions options,
            Progress progress);

    /**
     * The implementation on the class path.
     *
     * @throws VemsegException.InvalidInput naming the setting {@code spark} when there is none
     */
    static ClusterAnalysis find() {
        return ClusterServices.find(ClusterAnalysis.class, ClusterAnalysis::available);
    }
}
