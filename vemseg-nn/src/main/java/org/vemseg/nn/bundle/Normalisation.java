package org.vemseg.nn.bundle;

/**
 * Intensity normalisation the network was trained with: input = (raw − mean) / std, raw in the units of the
 * training images (e.g. 0–255 for 8-bit).
 */
public record Normalisation(double mean, double std) {

    public Normalisation {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("normalisation needs a finite mean and std > 0 but got mean "
                    + mean + ", std " + std);
        }
    }

    public float apply(double raw) {
        return (float) ((raw - mean) / std);
    }
}
