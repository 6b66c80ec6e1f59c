package org.vemseg.nn.predict;

import java.util.function.Consumer;
import java.util.function.Function;
import org.vemseg.core.ClusterServices;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Runs a prediction on a cluster rather than on this machine, with the same result. vemseg-spark implements it; a
 * front end finds it with {@link #find()} only when a cluster is asked for, so that the cluster's libraries (large)
 * are on the class path and load only then.
 */
public interface ClusterPredictor {

    /** Whether the cluster's libraries are on the class path. */
    boolean available();

    /**
     * Runs {@code r} on the cluster at {@code master} (for Spark: {@code local[N]} in this process,
     * {@code spark://HOST:7077}, or empty under spark-submit, which sets it) as {@link PredictionJob#run} does on
     * this machine.
     */
    PredictionJob.Result run(String master, PredictionRequest r, Function<VolumeInfo, Progress> progress,
            Consumer<String> warnings);

    /**
     * The implementation on the class path.
     *
     * @throws VemsegException.InvalidInput naming the setting {@code spark} when there is none
     */
    static ClusterPredictor find() {
        return ClusterServices.find(ClusterPredictor.class, ClusterPredictor::available);
    }
}
