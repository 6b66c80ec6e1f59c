package org.vemseg.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import scala.Tuple2;

/**
 * The second pass, one Spark task per block: labels the block again (the same components as in the first pass),
 * renumbers them to their objects with the block's map from the driver, and writes the block's chunks of the label
 * output itself, each atomically, so a retried task is harmless. Counts the block in {@code blocksDone}.
 */
final class RelabelTask implements VoidFunction<Tuple2<Integer, int[]>> {

    private static final long serialVersionUID = 1L;

    private final LabellingJob job;
    private final DataType type;
    private final LongAccumulator blocksDone;
    /** Test hook: the block whose first attempts fail after writing one chunk (or -1), and how many fail. */
    private final int failingBlock;
    private final int failingAttempts;

    RelabelTask(LabellingJob job, DataType type, LongAccumulator blocksDone, int failingBlock, int failingAttempts) {
        this.job = job;
        this.type = type;
        this.blocksDone = blocksDone;
        this.failingBlock = failingBlock;
        this.failingAttempts = failingAttempts;
    }

    @Override
    public void call(Tuple2<Integer, int[]> blockAndMap) {
        int i = blockAndMap._1();
        int[] map = blockAndMap._2();
        LabellingJob.Labelled l = job.label(i);
        int[] labels = l.read(l.box());
        Block out = Block.allocate(l.box(), type);
        if (type == DataType.UINT16) {
            short[] s = out.shorts();
            for (int k = 0; k < labels.length; k++) {
                s[k] = (short) map[labels[k]];
            }
        } else {
            int[] s = out.ints();
            for (int k = 0; k < labels.length; k++) {
                s[k] = map[labels[k]];
            }
        }
        PartialSink sink = PartialSink.open(job.output());
        TaskContext task = TaskContext.get();
        boolean fail = task != null && i == failingBlock && task.attemptNumber() < failingAttempts;
        int written = 0;
        for (Box chunk : job.grid().chunks(i)) {
            if (fail && written == 1) {
                throw new IllegalStateException("test hook: task failed on purpose after writing one chunk");
            }
            sink.write(out.box().equals(chunk) ? out : out.crop(chunk));
            written++;
        }
        blocksDone.add(1);
    }
}
