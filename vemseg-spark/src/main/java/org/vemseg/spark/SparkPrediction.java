package org.vemseg.spark;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.predict.PredictionUnit;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.nn.predict.PlannedPrediction;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;
import org.vemseg.nn.predict.UnitRunner;

/**
 * {@code vemseg predict} on a Spark cluster: the same request, checks, plan and result as
 * {@link PredictionJob#run}, with the work units run as Spark tasks, one per unit.
 *
 * <p>The output (and uncertainty) must be OME-Zarr on storage that the driver and every executor see, as must the
 * input and the models. The driver loads the models once, to plan; each executor loads them once per JVM, with as
 * many engine threads as {@code spark.task.cpus}. A failed task is retried by Spark
 * ({@code spark.task.maxFailures}): its chunks are written atomically, so writing them again is harmless. A driver
 * that dies leaves the partial output, which a run with {@code resume} continues.
 *
 * <p>Progress is reported on the driver as units finish, in blocks. The pyramid of the output is built on the cluster
 * too, level by level, each task writing chunks of the next level from the one before.
 */
public final class SparkPrediction {

    private final JavaSparkContext spark;
    private int failingUnit = -1;
    private int failingAttempts;

    /** Runs on {@code spark}'s cluster; the caller owns (and stops) the context. */
    public SparkPrediction(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * Test hook: the first {@code attempts} attempts of the task of unit {@code index} (in the order run) fail after
     * writing one block.
     */
    SparkPrediction failing(int index, int attempts) {
        this.failingUnit = index;
        this.failingAttempts = attempts;
        return this;
    }

    /** Runs {@code r}, reporting blocks to {@code progress}; no warnings. */
    public PredictionJob.Result run(PredictionRequest r, Progress progress) {
        return run(r, in -> progress, warning -> {
        });
    }

    /**
     * Runs {@code r} as {@link PredictionJob#run(PredictionRequest, Function, Consumer)} does, with the units on
     * the cluster.
     *
     * @throws VemsegException with one line: the output is not OME-Zarr, or a check or a task failed (the task's
     *     own error when it is one of vemseg's)
     */
    public PredictionJob.Result run(PredictionRequest r, Function<VolumeInfo, Progress> progress,
            Consumer<String> warnings) {
        requireOmeZarr(r.output(), "{output}");
        r.uncertainty().ifPresent(u -> requireOmeZarr(u, "{uncertainty}"));
        return PredictionJob.run(r, progress, warnings, new Units());
    }

    private static void requireOmeZarr(VolumeLocation l, String setting) {
        if (!Format.forWriting(l).format().isResumable()) {
            throw new VemsegException.InvalidInput(l + ": a distributed prediction writes OME-Zarr (.zarr), whose "
                    + "chunks executors write on their own; give " + setting + " a .zarr path");
        }
    }

    /** The units as Spark tasks. */
    private final class Units implements UnitRunner {

        @Override
        public void run(PlannedPrediction job, Progress progress) {
            if (!job.resumable()) {
                throw new IllegalStateException("outputs are not OME-Zarr: " + job.request().output());
            }
            List<PredictionUnit> todo = job.unitsToWrite();
            long blocks = BlockGrid.of(job.output().info()).size();
            progress.start("predicting", blocks, "blocks");
            try {
                progress.advance(blocks - todo.stream().mapToLong(u -> u.blocks().size()).sum());
                if (!todo.isEmpty()) {
                    runTasks(job, todo, progress);
                }
            } finally {
                progress.finish();
            }
        }

        private void runTasks(PlannedPrediction job, List<PredictionUnit> todo, Progress progress) {
            LongAccumulator done = spark.sc().longAccumulator("vemseg predicted blocks");
            UnitTask task = new UnitTask(RequestSnapshot.of(job.request()), job.plan(), done, failingUnit,
                    failingAttempts);
            long blocks = todo.stream().mapToLong(u -> u.blocks().size()).sum();
            SparkJobs.await(spark, "prediction", () -> spark.parallelize(todo, todo.size()).foreachAsync(task), done,
                    blocks, progress);
        }

        @Override
        public Optional<ChunkRunner> pyramid() {
            return Optional.of(new SparkChunkRunner(spark));
        }
    }
}
