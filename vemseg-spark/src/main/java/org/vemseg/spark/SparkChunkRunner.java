package org.vemseg.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.Progress;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.concurrent.ChunkTask;
import org.vemseg.core.volume.Box;

/**
 * A {@link ChunkRunner} whose boxes are Spark tasks: the boxes are cut into partitions of neighbouring boxes, and each
 * partition is one task that runs the {@link ChunkTask} on its boxes on an executor (which opens the input and
 * output itself). Used for distributed {@code convert} and for the pyramid levels of every distributed output.
 */
final class SparkChunkRunner implements ChunkRunner {

    /** Partitions per core at least: enough for balance and for progress that moves. */
    private static final int PARTITIONS_PER_CORE = 16;
    /** Boxes per partition at most, so that a retried task redoes little. */
    private static final int MAX_BOXES_PER_PARTITION = 256;

    private final JavaSparkContext spark;

    SparkChunkRunner(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public void run(String what, ChunkTask task, List<Box> boxes, Progress progress) {
        progress.start(what, boxes.stream().mapToLong(Box::voxels).sum(), "voxels");
        try {
            if (!boxes.isEmpty()) {
                int partitions = partitions(boxes.size(), spark.defaultParallelism());
                List<Box> copy = List.copyOf(boxes);
                LongAccumulator done = spark.sc().longAccumulator("vemseg " + what);
                SparkJobs.await(spark, what, () -> spark.parallelize(copy, partitions)
                        .foreachPartitionAsync(part -> write(task, part, done)), done,
                        boxes.stream().mapToLong(Box::voxels).sum(), progress);
            }
        } finally {
            progress.finish();
        }
    }

    /** Runs {@code task} on one partition's boxes, then counts their voxels as done. */
    private static void write(ChunkTask task, Iterator<Box> boxes, LongAccumulator done) {
        long[] voxels = {0};
        task.write(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return boxes.hasNext();
            }

            @Override
            public Box next() {
                Box b = boxes.next();
                voxels[0] += b.voxels();
                return b;
            }
        });
        done.add(voxels[0]);
    }

    static int partitions(int boxes, int cores) {
        long wanted = Math.max((long) PARTITIONS_PER_CORE * Math.max(1, cores),
                (boxes + MAX_BOXES_PER_PARTITION - 1L) / MAX_BOXES_PER_PARTITION);
        return (int) Math.max(1, Math.min(boxes, wanted));
    }
}
