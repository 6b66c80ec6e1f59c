package org.vemseg.nn.bundle;

/**
 * The mask threshold a model was calibrated to at the end of training: the probability threshold on the ensemble's
 * averaged foreground probability that scored best on the validation data.
 *
 * @param threshold in (0, 1); a voxel is foreground when its probability is above it
 * @param criterion what was maximised: {@code "iou"} or {@code "f1"}
 * @param score the criterion at {@code threshold} on the validation data
 * @param scoreAtHalf the criterion at the plain threshold 0.5, for comparison
 * @param validationSlices how many slices it was calibrated on
 * @param heldOut whether those slices were held out of the training stack (no validation data was given)
 */
public record ThresholdCalibration(double threshold, String criterion, double score, double scoreAtHalf,
        int validationSlices, boolean heldOut) {

    /** The threshold of a model that was not calibrated. */
    public static final double UNCALIBRATED = 0.5;
}
