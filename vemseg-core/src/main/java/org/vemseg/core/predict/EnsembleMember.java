package org.vemseg.core.predict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vemseg.core.transform.GeometricVariant;

/**
 * One model of an ensemble with its normalisation and the test-time variants it runs. Each model's
 * variants are averaged first, then models are averaged with equal weight, so a 1-frame model (whose
 * z-flipped variants are identical to the plain ones and are therefore dropped) counts as much as a
 * 5-frame model running all 16.
 */
record EnsembleMember(TilePredictor predictor, InputNormalization normalization, List<GeometricVariant> variants) {

    static EnsembleMember of(TilePredictor predictor, InputNormalization normalization, List<GeometricVariant> wanted) {
        Set<GeometricVariant> distinct = new LinkedHashSet<>();
        for (GeometricVariant v : wanted) {
            distinct.add(predictor.frames() == 1 ? v.withoutZFlip() : v);
        }
        return new EnsembleMember(predictor, normalization, List.copyOf(new ArrayList<>(distinct)));
    }

    /** Weight of one variant's output within the ensemble average (before dividing by the model count). */
    float variantWeight() {
        return 1f / variants.size();
    }
}
