package org.vemseg.core;

import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * Finds the implementation of a cluster service (distributed prediction, analysis) that a cluster module such as
 * vemseg-spark provides through {@link ServiceLoader}: front ends look it up only when a cluster is asked for, so
 * the cluster's libraries (large) are on the class path and load only then.
 */
public final class ClusterServices {

    private ClusterServices() {
    }

    /**
     * The first implementation of {@code service} on the class path whose libraries are there too.
     *
     * @throws VemsegException.InvalidInput naming the setting {@code spark} when there is none
     */
    public static <S> S find(Class<S> service, Predicate<S> available) {
        for (S s : ServiceLoader.load(service)) {
            if (available.test(s)) {
                return s;
            }
        }
        throw new VemsegException.InvalidInput("{spark} needs vemseg-spark and Apache Spark on the class path: run "
                + "through ./vemseg, which adds them when {spark} is given, or with spark-submit");
    }
}
