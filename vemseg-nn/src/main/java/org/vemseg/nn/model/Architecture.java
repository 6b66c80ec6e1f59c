package org.vemseg.nn.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The network families vemseg can build, with the sizes their inputs must be multiples of. */
public enum Architecture {
    /** U-Net with a ResNet-18 encoder; five stride-2 steps. */
    RESUNET("resunet", 32, 0.25),
    /** DeepEM3D (CDeep3M); four stride-2 steps. */
    DEEPEM3D("deepem3d", 16, 0.25);

    private final String id;
    private final int inputMultiple;
    private final double defaultWidth;

    Architecture(String id, int inputMultiple, double defaultWidth) {
        this.id = id;
        this.inputMultiple = inputMultiple;
        this.defaultWidth = defaultWidth;
    }

    public String id() {
        return id;
    }

    /** Height and width of an input must be multiples of this. */
    public int inputMultiple() {
        return inputMultiple;
    }

    /** Width multiplier used when none is given: small enough to train on a 2-core CPU. */
    public double defaultWidth() {
        return defaultWidth;
    }

    /** Parses {@code resunet} or {@code deepem3d}; throws naming the valid values. */
    public static Architecture fromString(String s) {
        for (Architecture a : values()) {
            if (a.id.equals(s.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + s + "'; valid: "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
