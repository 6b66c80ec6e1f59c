package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.List;
import org.vemseg.nn.bundle.ThresholdCalibration;

/**
 * What a training run produced.
 *
 * @param model the written bundle, or null if the run was interrupted (a checkpoint was written instead)
 * @param members one entry per trained member
 * @param interrupted whether {@link Trainer#requestStop()} (or Ctrl-C) ended the run early
 * @param heldOut training slices held out for validation ({@link Holdout}), 0 if none
 * @param calibration the model's calibrated mask threshold, or null if it was not calibrated
 */
public record TrainingResult(Path model, List<Member> members, boolean interrupted, int heldOut,
        ThresholdCalibration calibration) {

    public TrainingResult {
        members = List.copyOf(members);
    }

    /**
     * @param losses training loss of each iteration of this session (after a resume: only the new ones)
     * @param bestIoU validation IoU per class of the kept weights, or null without validation
     * @param keptWeights with weight averaging, which weights the model keeps (the average or the trained ones)
     *     and why; null without
     */
    public record Member(int frames, long iterations, double seconds, double iterationsPerSecond, double[] losses,
            double[] bestIoU, double[] bestF1, String keptWeights) {
    }
}
