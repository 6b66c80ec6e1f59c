package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.List;
import org.vemseg.nn.model.ComputeDevice;

/**
 * How a training run is carried out: where it writes, how long it runs, how often it checkpoints and validates,
 * and on which device. The files beside {@code out} are named here.
 *
 * @param resume continue from the checkpoints beside {@code out}
 * @param iterations fixed number of iterations per member, or 0 when {@code maxMinutes} rules
 * @param maxMinutes wall-clock budget for the whole run (all members), or 0 for a fixed iteration count
 * @param checkpointEvery iterations between checkpoints
 * @param validateEvery iterations between validations (only with a validation volume)
 */
public record RunOptions(Path out, boolean overwrite, boolean resume, long iterations, double maxMinutes,
        int checkpointEvery, int validateEvery, ComputeDevice device) {

    public RunOptions {
        if ((iterations <= 0) == (maxMinutes <= 0)) {
            throw new IllegalArgumentException("give either a number of iterations or a time budget in minutes");
        }
        if (checkpointEvery < 1 || validateEvery < 1) {
            throw new IllegalArgumentException("checkpoint and validation intervals must be ≥ 1");
        }
    }

    /** Checkpoint file of the member with {@code frames} input frames. */
    public Path checkpoint(int memberFrames) {
        return out.resolveSibling(out.getFileName() + ".f" + memberFrames + ".ckpt");
    }

    /** Checkpoints of every member a run of this output could have, whatever its frame counts. */
    public List<Path> allCheckpoints() {
        return Hyperparameters.FRAME_COUNTS.stream().map(this::checkpoint).toList();
    }

    /** CSV log beside the output, once the model is written. */
    public Path log() {
        return out.resolveSibling(out.getFileName() + ".log.csv");
    }

    /** The CSV log while training runs, and after an interruption (beside the checkpoints); {@link #log()} after. */
    public Path partialLog() {
        return out.resolveSibling(out.getFileName() + ".partial.log.csv");
    }
}
