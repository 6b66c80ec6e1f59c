package org.vemseg.spark;

import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.ChunkSink;
import org.vemseg.core.predict.PredictionPlan;
import org.vemseg.core.predict.PredictionUnit;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.nn.predict.ModelPredictors;
import org.vemseg.nn.predict.PredictionJob;

/**
 * One Spark task: runs one unit of the plan on an executor. It opens the input and the partial outputs itself,
 * predicts with the executor's models ({@link ExecutorModels}) and writes the unit's chunks, then counts its blocks
 * in {@code blocksDone} (merged once per unit, whatever the retries).
 */
final class UnitTask implements VoidFunction<PredictionUnit> {

    private static final long serialVersionUID = 1L;

    private final RequestSnapshot request;
    private final PredictionPlan plan;
    private final LongAccumulator blocksDone;
    /** Test hook: the partition whose first attempts fail after writing one block (or -1), and how many fail. */
    private final int failingUnit;
    private final int failingAttempts;

    UnitTask(RequestSnapshot request, PredictionPlan plan, LongAccumulator blocksDone, int failingUnit,
            int failingAttempts) {
        this.request = request;
        this.plan = plan;
        this.blocksDone = blocksDone;
        this.failingUnit = failingUnit;
        this.failingAttempts = failingAttempts;
    }

    @Override
    public void call(PredictionUnit unit) {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        ModelPredictors loaded = ExecutorModels.of(request, threads);
        ChunkSink output = PartialSink.open(request.output());
        try (ModelPredictors models = loaded.share();
                VolumeReader input = Volumes.openOnWorker(VolumeLocation.parse(request.input()),
                        output.info().bounds())) {
            TiledPrediction prediction = PredictionJob.tiledPrediction(request.request(), models);
            Optional<ChunkSink> uncertainty = request.uncertainty().map(PartialSink::open);
            if (task != null && task.partitionId() == failingUnit && task.attemptNumber() < failingAttempts) {
                output = new FailAfterOneBlock(output);
            }
            plan.execute(unit, prediction, input, output, uncertainty);
        }
        blocksDone.add(unit.blocks().size());
    }

    /** Writes one block, then fails: a task interrupted midway, for the retry test. */
    private static final class FailAfterOneBlock implements ChunkSink {
        private final ChunkSink sink;
        private int written;

        FailAfterOneBlock(ChunkSink sink) {
            this.sink = sink;
        }

        @Override
        public VolumeInfo info() {
            return sink.info();
        }

        @Override
        public void write(Block block) {
            if (written++ > 0) {
                throw new IllegalStateException("test hook: task failed on purpose after writing one block");
            }
            sink.write(block);
        }
    }
}
