package org.vemseg.core.ops;

import java.io.Serializable;

/**
 * A linear map of intensities {@code [inMin, inMax] -> [outMin, outMax]}, clamped to the output range.
 * Used by {@code convert --rescale} to bring e.g. a 16-bit or float volume into 0..255.
 */
public record IntensityMap(double inMin, double inMax, double outMin, double outMax) implements Serializable {

    private static final long serialVersionUID = 1L;

    public IntensityMap {
        if (!(inMax >= inMin) || !(outMax >= outMin)) {
            throw new IllegalArgumentException("intensity ranges must be ordered, were [" + inMin + ", " + inMax
                    + "] -> [" + outMin + ", " + outMax + "]");
        }
    }

    public double apply(double v) {
        double t = inMax == inMin ? 0 : (v - inMin) / (inMax - inMin);
        double out = outMin + t * (outMax - outMin);
        return Math.max(outMin, Math.min(outMax, out));
    }
}
