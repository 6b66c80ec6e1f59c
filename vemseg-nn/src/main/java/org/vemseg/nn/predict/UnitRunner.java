package org.vemseg.nn.predict;

import org.vemseg.core.Progress;

/**
 * Runs the work units of a planned prediction that are still to be written. {@link #LOCAL} runs them on this
 * machine, overlapping reading, inference and writing ({@link org.vemseg.core.predict.TiledPrediction#run}); a
 * cluster runs them as tasks (vemseg-spark). Either way {@link PredictionJob} plans before and commits after, so
 * every runner writes the same voxels.
 */
@FunctionalInterface
public interface UnitRunner {

    /** On this machine, with the models and outputs the job opened. */
    UnitRunner LOCAL = (job, progress) -> job.prediction().run(job.plan(), job.input(), job.output(),
            job.uncertainty(), progress);

    /**
     * Writes every block of {@code job} not yet written, reporting blocks to {@code progress} (started and finished
     * here, with the blocks already written counted as done).
     */
    void run(PlannedPrediction job, Progress progress);
}
