package org.vemseg.core.predict;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;

/** What a prediction writes per voxel. */
public enum OutputType {
    /** Probability of the chosen class as 0–255 ({@code round(255 p)}), like CDeep3M's output. uint8. */
    PROB8("prob8", DataType.UINT8),
    /** Probability of the chosen class as float32, unclamped. */
    PROB32("prob32", DataType.FLOAT32),
    /**
     * A label map, uint8: for one- and two-class models, 1 where the chosen class's probability is at
     * least the threshold, else 0; for more classes, the index of the most probable class.
     */
    MASK("mask", DataType.UINT8);

    private final String label;
    private final DataType dataType;

    OutputType(String label, DataType dataType) {
        this.label = label;
        this.dataType = dataType;
    }

    /**
     * A probability as a {@link #PROB8} voxel stores it: {@code round(255 p)} of {@code p} clamped to [0, 1], NaN as
     * 0. The one rounding every writer of prob8 values and every reader that must agree with them uses.
     */
    public static int prob8(float p) {
        return (int) (Math.min(1f, Math.max(0f, p)) * 255f + 0.5f);
    }

    /** The voxel type an output of this kind is written as. */
    public DataType dataType() {
        return dataType;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Parses {@code prob8}, {@code prob32} or {@code mask}; the error lists the valid names. */
    public static OutputType fromString(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (OutputType t : values()) {
            if (t.label.equals(n)) {
                return t;
            }
        }
        throw new VemsegException.InvalidInput("unknown output type '" + name + "'; valid: "
                + Arrays.stream(values()).map(OutputType::toString).collect(Collectors.joining(", ")));
    }
}
