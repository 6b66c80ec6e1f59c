package org.vemseg.nn.train;

import java.nio.file.Path;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;

/**
 * How many of the last training slices a run without validation data holds out: users often have one labelled
 * stack, and without validation a model can neither keep its best weights nor calibrate its threshold.
 *
 * <p>Automatic: a tenth of the stack, at least as many slices as the widest member's frames, and only when the
 * stack is at least 20 slices deep and keeps four times the held-out count for training; other stacks train on
 * every slice. The held-out slices are the last ones, a contiguous block, so their neighbours in training are at
 * most one face.
 */
final class Holdout {

    /** Stacks with fewer slices hold nothing out automatically. */
    static final int MIN_AUTO_DEPTH = 20;

    private Holdout() {
    }

    /**
     * @param requested {@link TrainingSet#AUTO_HOLDOUT}, 0, or a count
     * @param depth slices in the training stack
     * @param maxFrames frames of the widest member
     */
    static int slices(int requested, int depth, int maxFrames, Path images) {
        if (requested == TrainingSet.AUTO_HOLDOUT) {
            int k = Math.max(maxFrames, (depth + 9) / 10);
            return depth >= MIN_AUTO_DEPTH && depth - k >= 4 * k ? k : 0;
        }
        if (requested > 0 && (requested < maxFrames || depth - requested < maxFrames)) {
            throw new VemsegException.InvalidInput(images + ": cannot hold out " + requested + " of " + depth
                    + " slices (" + Settings.name("holdoutSlices") + "); both parts need at least " + maxFrames
                    + " slices, the frames of the widest network");
        }
        return requested;
    }
}
