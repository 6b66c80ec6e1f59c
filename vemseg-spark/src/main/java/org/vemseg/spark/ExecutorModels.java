package org.vemseg.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vemseg.nn.engine.EngineSettings;
import org.vemseg.nn.predict.ModelPredictors;

/**
 * The models of this executor JVM, each set loaded once and kept for the JVM's life: the tasks of a job, and of
 * later jobs with the same models, share the weights, each task predicting with its own
 * {@link ModelPredictors#share() predictors}.
 */
final class ExecutorModels {

    /** Engine threads, a system property the engine reads once, when it loads. */
    private static final String ENGINE_THREADS = "ai.djl.pytorch.num_threads";

    private static final Map<String, ModelPredictors> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /**
     * The models {@code s} names, loaded on first use in this JVM. The engine, if it loads now, gets
     * {@code threads} threads (the task's {@code spark.task.cpus}), unless this JVM chose its threads before
     * (local mode, where the driver is the executor).
     */
    static ModelPredictors of(RequestSnapshot s, int threads) {
        String key = s.models() + " on " + s.device() + ", halo " + s.haloSetting();
        return LOADED.computeIfAbsent(key, k -> {
            EngineSettings.offline();
            if (System.getProperty(ENGINE_THREADS) == null) {
                EngineSettings.threads(threads);
            }
            return ModelPredictors.load(s.modelPaths(), s.device(), s.haloSetting());
        });
    }
}
