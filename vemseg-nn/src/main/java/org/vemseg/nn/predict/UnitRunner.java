package org.vemseg.nn.predict;

import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.concurrent.ChunkRunner;

/**
 * Runs the work units of a planned prediction that are still to be written. {@link #LOCAL} runs them on this
 * machine, overlapping reading, inference and writing ({@link org.vemseg.core.predict.TiledPrediction#run}); a
 * cluster runs them as tasks (vemseg-spark). Either way {@link PredictionJob} plans before and commits after, so
 * every runner writes the same voxels.
 */
@FunctionalInterface
public interface UnitRunner {

    /** On this machine, with the models and outputs the job opened. */
    UnitRunner LOCAL = (job, progress) -> job.prediction().run(job.plan(), job.unitsToWrite(), job.input(),
            job.output(), job.uncertainty(), progress);

    /**
     * Writes every block of {@code job} not yet written, reporting blocks to {@code progress} (started and finished
     * here, with the blocks already written counted as done).
     */
    void run(PlannedPrediction job, Progress progress);

    /**
     * Who computes what the outputs derive from the written chunks when they are committed (the levels of an
     * OME-Zarr pyramid): empty for the outputs themselves, on this machine's threads; a cluster runs them as tasks.
     */
    default Optional<ChunkRunner> pyramid() {
        return Optional.empty();
    }
}
