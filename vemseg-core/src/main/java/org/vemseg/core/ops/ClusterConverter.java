package org.vemseg.core.ops;

import java.util.ServiceLoader;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;

/**
 * Runs a conversion into OME-Zarr on a cluster rather than on this machine, with the same chunks
 * ({@link VolumeConverter#run(ConversionRequest, org.vemseg.core.concurrent.ChunkRunner, Progress)}). vemseg-spark
 * implements it; a front end finds it with {@link #find()} only when a cluster is asked for, so that the cluster's
 * libraries (large) are on the class path and load only then.
 */
public interface ClusterConverter {

    /** Whether the cluster's libraries are on the class path. */
    boolean available();

    /**
     * Runs {@code r} on the cluster at {@code master} (for Spark: {@code local[N]} in this process,
     * {@code spark://HOST:7077}, or empty under spark-submit, which sets it), reporting voxels to {@code progress}.
     */
    ConversionResult run(String master, ConversionRequest r, Progress progress);

    /**
     * The implementation on the class path.
     *
     * @throws VemsegException.InvalidInput naming the setting {@code spark} when there is none
     */
    static ClusterConverter find() {
        for (ClusterConverter c : ServiceLoader.load(ClusterConverter.class)) {
            if (c.available()) {
                return c;
            }
        }
        throw new VemsegException.InvalidInput("{spark} needs vemseg-spark and Apache Spark on the class path: run "
                + "through ./vemseg, which adds them when {spark} is given, or with spark-submit");
    }
}
