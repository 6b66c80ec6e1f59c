package org.vemseg.core.predict;

import java.util.Locale;

/**
 * bioimage.io's per-sample normalisation for a 2D model: the sample is the tensor the model is given, one whole
 * plane, so its statistics come from the whole plane (see {@link PlaneStatistics}), never from the tile, and a tiled
 * prediction equals the whole-plane one. Each input frame (a neighbouring z slice) is normalised with its own plane's
 * statistics.
 *
 * @param kind          what is computed
 * @param lowPercentile {@link Kind#SCALE_RANGE}: the percentile (0–100) mapped to 0
 * @param highPercentile {@link Kind#SCALE_RANGE}: the percentile mapped to 1
 * @param eps           added to the divisor, as bioimage.io does, so that a flat plane does not divide by 0
 */
public record PlaneNormalization(Kind kind, double lowPercentile, double highPercentile, double eps)
        implements InputNormalization {

    /** bioimage.io's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-6;

    /** The per-sample normalisations of bioimage.io. */
    public enum Kind {
        /** {@code (v - mean) / (std + eps)}, std over the plane's voxels (not the unbiased estimate). */
        ZERO_MEAN_UNIT_VARIANCE,
        /** {@code (v - low) / (high - low + eps)} with percentiles interpolated as numpy's default (linear). */
        SCALE_RANGE
    }

    public PlaneNormalization {
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, were "
                    + lowPercentile + " and " + highPercentile);
        }
        if (!(eps >= 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be >= 0, was " + eps);
        }
    }

    /** Zero mean and unit variance over each plane. */
    public static PlaneNormalization zeroMeanUnitVariance(double eps) {
        return new PlaneNormalization(Kind.ZERO_MEAN_UNIT_VARIANCE, 0, 100, eps);
    }

    /** The {@code low} and {@code high} percentiles of each plane mapped to 0 and 1. */
    public static PlaneNormalization scaleRange(double low, double high, double eps) {
        return new PlaneNormalization(Kind.SCALE_RANGE, low, high, eps);
    }

    @Override
    public Normalization forPlane(PlaneStatistics.Stats stats) {
        double mean;
        double spread;
        if (kind == Kind.ZERO_MEAN_UNIT_VARIANCE) {
            mean = stats.mean();
            spread = stats.std() + eps;
        } else {
            mean = stats.percentile(lowPercentile);
            spread = stats.percentile(highPercentile) - mean + eps;
        }
        // A flat plane with eps 0: feed zeros rather than fail half-way through a volume.
        return new Normalization(mean, spread > 0 ? spread : 1);
    }

    @Override
    public boolean perPlane() {
        return true;
    }

    @Override
    public double[] percentiles() {
        return kind == Kind.SCALE_RANGE ? new double[] {lowPercentile, highPercentile} : new double[0];
    }

    @Override
    public String toString() {
        return kind == Kind.ZERO_MEAN_UNIT_VARIANCE
                ? String.format(Locale.ROOT, "zero mean, unit variance per plane (eps %g)", eps)
                : String.format(Locale.ROOT, "percentiles %g-%g per plane to 0-1 (eps %g)", lowPercentile,
                        highPercentile, eps);
    }
}
