package org.vemseg.nn.bundle;

import java.util.List;
import java.util.Map;

/**
 * Where a member model came from, for {@code vemseg info} and for reproducing it.
 *
 * @param trainingShape z, y, x of the training volume
 * @param validationShape z, y, x of the validation volume, or null
 * @param iterations iterations trained
 * @param minutes wall-clock training minutes
 * @param bestIteration iteration of the kept (best validation) weights, or the last one without validation
 * @param bestIoU validation IoU per class at {@code bestIteration}, or null
 * @param bestF1 validation F1 per class at {@code bestIteration}, or null
 * @param date ISO-8601 date-time the training ended
 * @param hyperParameters the training settings, as text (patch, batch, optimiser, lr, seed, ...)
 * @param initialisedFrom the bundle transfer learning started from, or null
 */
public record Provenance(long[] trainingShape, long[] validationShape, long iterations, double minutes,
        long bestIteration, double[] bestIoU, double[] bestF1, String date, Map<String, String> hyperParameters,
        String initialisedFrom) {

    public Provenance {
        trainingShape = trainingShape == null ? null : trainingShape.clone();
        validationShape = validationShape == null ? null : validationShape.clone();
        bestIoU = bestIoU == null ? null : bestIoU.clone();
        bestF1 = bestF1 == null ? null : bestF1.clone();
        hyperParameters = hyperParameters == null ? Map.of() : Map.copyOf(hyperParameters);
    }

    /** Provenance of a network nobody trained yet (tests, freshly built ensembles). */
    public static Provenance untrained() {
        return new Provenance(null, null, 0, 0, 0, null, null, java.time.OffsetDateTime.now().toString(),
                Map.of(), null);
    }

    @Override
    public long[] trainingShape() {
        return trainingShape == null ? null : trainingShape.clone();
    }

    @Override
    public double[] bestIoU() {
        return bestIoU == null ? null : bestIoU.clone();
    }

    @Override
    public double[] bestF1() {
        return bestF1 == null ? null : bestF1.clone();
    }

    /** Sorted hyper-parameter names, for stable printing. */
    public List<String> hyperParameterNames() {
        return hyperParameters.keySet().stream().sorted().toList();
    }
}
