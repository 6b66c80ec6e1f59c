package org.vemseg.core.predict;

/**
 * The intensity normalisation a model was trained with: a raw voxel value {@code v} is fed to the
 * network as {@code (v - mean) / std}. Raw values are the stored numbers (0–255 for uint8 input).
 *
 * @param mean subtracted first
 * @param std  divided by afterwards; must be positive
 */
public record Normalization(double mean, double std) implements InputNormalization {

    /** Feeds raw values unchanged. */
    public static final Normalization NONE = new Normalization(0, 1);

    public Normalization {
        if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normalisation needs a finite mean and positive std, was mean "
                    + mean + ", std " + std);
        }
    }

    @Override
    public Normalization forPlane(PlaneStatistics.Stats stats) {
        return this;
    }

    @Override
    public boolean perPlane() {
        return false;
    }

    /** Multiplier of the equivalent {@code v * scale + shift}. */
    public float scale() {
        return (float) (1 / std);
    }

    /** Offset of the equivalent {@code v * scale + shift}. */
    public float shift() {
        return (float) (-mean / std);
    }
}
