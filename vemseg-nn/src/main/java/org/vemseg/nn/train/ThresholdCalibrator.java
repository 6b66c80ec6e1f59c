package org.vemseg.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import org.vemseg.core.metrics.ThresholdCurve;
import org.vemseg.nn.data.LabelMapping;

/**
 * Measures a binary model's {@link ThresholdCurve} on validation data: per slice, the foreground probability of
 * every member network ({@link Validator#probability}) averaged over the ensemble, as prediction averages it, and
 * counted against the labels. A network fitted with class weights or Dice loss is rarely best cut at 0.5: on
 * Lucchi++ the fixed threshold over-segments (precision 0.89, recall 0.96).
 */
final class ThresholdCalibrator {

    private ThresholdCalibrator() {
    }

    /**
     * @param validators one per member, in member order (they differ in the frames they stack)
     * @param members the member networks, with the weights the model keeps
     */
    static ThresholdCurve curve(List<Validator> validators, List<Block> members, NDManager manager) {
        if (validators.size() != members.size() || validators.isEmpty()) {
            throw new IllegalArgumentException(validators.size() + " validators for " + members.size() + " members");
        }
        ThresholdCurve curve = new ThresholdCurve();
        int slices = validators.get(0).slices();
        for (int z = 0; z < slices; z++) {
            float[] mean = null;
            for (int i = 0; i < members.size(); i++) {
                float[] p = validators.get(i).probability(members.get(i), manager, z, 1);
                if (mean == null) {
                    mean = p;
                } else {
                    for (int j = 0; j < p.length; j++) {
                        mean[j] += p[j];
                    }
                }
            }
            byte[] labels = validators.get(0).labels(z);
            float n = members.size();
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] != LabelMapping.IGNORE) {
                    curve.add(mean[j] / n, labels[j] == 1);
                }
            }
        }
        return curve;
    }
}
