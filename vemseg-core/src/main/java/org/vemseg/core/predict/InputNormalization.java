package org.vemseg.core.predict;

/**
 * How a model's raw input is normalised: with fixed numbers ({@link Normalization}), or from statistics of each
 * plane the model is given ({@link PlaneNormalization}, bioimage.io's per-sample normalisation). Either way a plane
 * is fed as {@code (v - mean) / std}, with the mean and std that {@link #forPlane} gives for it.
 */
public sealed interface InputNormalization permits Normalization, PlaneNormalization {

    /** The normalisation of a plane with these statistics (a fixed one ignores them). */
    Normalization forPlane(PlaneStatistics.Stats stats);

    /** Whether {@link #forPlane} needs the plane's statistics (computed by a pass over the whole plane). */
    boolean perPlane();

    /** Percentiles (0–100) {@link #forPlane} reads from the statistics. */
    default double[] percentiles() {
        return new double[0];
    }
}
