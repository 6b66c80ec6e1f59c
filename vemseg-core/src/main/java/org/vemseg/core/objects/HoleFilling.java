package org.vemseg.core.objects;

import java.util.Arrays;
import java.util.Locale;
import org.vemseg.core.VemsegException;

/**
 * Which background is a hole to fill: none; in each z slice on its own, background not connected to the
 * slice's edge (what most EM tools do, as a cut through a mitochondrion shows its cristae as pale gaps); or in
 * 3D, background not connected to any face of the volume (a cavity closed in every direction, rare in EM).
 */
public enum HoleFilling {
    NONE("none"), SLICE("2d"), VOLUME("3d");

    private final String label;

    HoleFilling(String label) {
        this.label = label;
    }

    /** Parses none, 2d or 3d (case-insensitive). */
    public static HoleFilling of(String s) {
        for (HoleFilling h : values()) {
            if (h.label.equalsIgnoreCase(s.trim())) {
                return h;
            }
        }
        throw new VemsegException.InvalidInput("hole filling must be one of "
                + Arrays.stream(values()).map(HoleFilling::toString).toList() + ", was '" + s.toLowerCase(Locale.ROOT)
                + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
