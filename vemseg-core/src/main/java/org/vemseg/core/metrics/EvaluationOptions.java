package org.vemseg.core.metrics;

import java.util.OptionalInt;
import org.vemseg.core.objects.Connectivity;

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
 */
public record EvaluationOptions(double threshold, int exclusionZone, OptionalInt labelValue, boolean objects,
        boolean boundary, Connectivity connectivity, double minIou, boolean multiclass) {

    public static EvaluationOptions defaults() {
        return new EvaluationOptions(0.5, 0, OptionalInt.empty(), false, false, Connectivity.TWENTY_SIX, 0.5, false);
    }

    public EvaluationOptions withExclusionZone(int n) {
        return new EvaluationOptions(threshold, n, labelValue, objects, boundary, connectivity, minIou, multiclass);
    }

    public EvaluationOptions withObjects(boolean on) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, on, boundary, connectivity, minIou,
                multiclass);
    }

    public EvaluationOptions withBoundary(boolean on) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, objects, on, connectivity, minIou,
                multiclass);
    }

    public EvaluationOptions withMulticlass(boolean on) {
        return new EvaluationOptions(threshold, exclusionZone, labelValue, objects, boundary, connectivity, minIou, on);
    }

    public EvaluationOptions withLabelValue(int v) {
        return new EvaluationOptions(threshold, exclusionZone, OptionalInt.of(v), objects, boundary, connectivity,
                minIou, multiclass);
    }
}
