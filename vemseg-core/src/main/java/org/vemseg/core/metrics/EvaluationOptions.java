package org.vemseg.core.metrics;

import java.util.OptionalInt;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.PostProcessing;

/**
 * What {@link Evaluation} computes.
 *
 * @param threshold probability above which a prediction voxel is foreground (see
 *     {@link org.vemseg.core.objects.Thresholding})
 * @param exclusionZone voxels within this in-plane distance of a label boundary are not scored (0 = none)
 * @param labelValue the label value that marks the foreground (e.g. 0 for ISBI membranes); empty = non-zero
 * @param objects also match 3D objects one-to-one by IoU
 * @param boundary also compute Rand error and variation of information of the enclosed cells
 * @param connectivity connectivity of the 3D objects
 * @param minIou smallest IoU of a matching object pair
 * @param multiclass prediction and labels are class maps (integers 0-255): scores per class, no threshold
 * @param postProcessing applied to the thresholded prediction (with {@code connectivity}) before it is scored, so
 *     its effect on the scores can be measured
 */
public record EvaluationOptions(double threshold, int exclusionZone, OptionalInt labelValue, boolean objects,
        boolean boundary, Connectivity connectivity, double minIou, boolean multiclass, PostProcessing postProcessing) {

    /** Options without post-processing. */
    public EvaluationOptions(double threshold, int exclusionZone, OptionalInt labelValue, boolean objects,
            boolean boundary, Connectivity connectivity, double minIou, boolean multiclass) {
        this(threshold, exclusionZone, labelValue, objects, boundary, connectivity, minIou, multiclass,
                PostProcessing.none());
    }

    public static EvaluationOptions defaults() {
        return new EvaluationOptions(0.5, 0, OptionalInt.empty(), false, false, Connectivity.TWENTY_SIX, 0.5, false);
    }

    public EvaluationOptions withPostProcessing(PostProcessing p) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, objects, boundary, connectivity, minIou,
                multiclass, p);
    }

    public EvaluationOptions withExclusionZone(int n) {
        return new EvaluationOptions(threshold, n, labelValue, objects, boundary, connectivity, minIou, multiclass,
                postProcessing);
    }

    public EvaluationOptions withObjects(boolean on) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, on, boundary, connectivity, minIou,
                multiclass, postProcessing);
    }

    public EvaluationOptions withBoundary(boolean on) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, objects, on, connectivity, minIou,
                multiclass, postProcessing);
    }

    public EvaluationOptions withMulticlass(boolean on) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, objects, boundary, connectivity, minIou, on,
                postProcessing);
    }

    public EvaluationOptions withLabelValue(int v) {
        return new EvaluationOptions(threshold, exclusionZone, OptionalInt.of(v), objects, boundary, connectivity,
                minIou, multiclass, postProcessing);
    }
}
