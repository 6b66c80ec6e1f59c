package org.vemseg.core.volume;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;

/**
 * Voxel data types vemseg reads and writes. Each type knows its Java storage ({@code byte[]} for 8-bit,
 * {@code short[]} for 16-bit, {@code int[]} for 32-bit integers, {@code float[]}, {@code double[]}) and its
 * value range. Unsigned types are stored in the signed Java type of the same width and masked on access.
 */
public enum DataType {
    UINT8("uint8", 1, false, false),
    INT8("int8", 1, true, false),
    UINT16("uint16", 2, false, false),
    INT16("int16", 2, true, false),
    UINT32("uint32", 4, false, false),
    INT32("int32", 4, true, false),
    FLOAT32("float32", 4, true, true),
    FLOAT64("float64", 8, true, true);

    private final String label;
    private final int bytes;
    private final boolean signed;
    private final boolean floating;

    DataType(String label, int bytes, boolean signed, boolean floating) {
        this.label = label;
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    public boolean isSigned() {
        return signed;
    }

    public boolean isFloating() {
        return floating;
    }

    /** Smallest representable value (for floating types, {@code -Double.MAX_VALUE}). */
    public double minValue() {
        if (floating) {
            return -Double.MAX_VALUE;
        }
        return signed ? -Math.pow(2, bytes * 8 - 1) : 0;
    }

    /** Largest representable value (for floating types, {@code Double.MAX_VALUE}). */
    public double maxValue() {
        if (floating) {
            return Double.MAX_VALUE;
        }
        return signed ? Math.pow(2, bytes * 8 - 1) - 1 : Math.pow(2, bytes * 8) - 1;
    }

    /** The lower-case name used on the command line and in metadata, e.g. {@code uint8}. */
    @Override
    public String toString() {
        return label;
    }

    /**
     * Parses a name such as {@code uint8} or {@code float32}.
     *
     * @throws VemsegException.Unsupported naming the valid values if the name is unknown
     */
    public static DataType fromString(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DataType t : values()) {
            if (t.label.equals(n)) {
                return t;
            }
        }
        throw new VemsegException.Unsupported("unsupported data type '" + name + "'; valid: "
                + Arrays.stream(values()).map(DataType::toString).collect(Collectors.joining(", ")));
    }

    /** The integer type of the given width and signedness. */
    public static DataType integer(int bits, boolean signed) {
        return switch (bits) {
            case 8 -> signed ? INT8 : UINT8;
            case 16 -> signed ? INT16 : UINT16;
            case 32 -> signed ? INT32 : UINT32;
            default -> throw new VemsegException.Unsupported("unsupported data type: " + bits + "-bit "
                    + (signed ? "signed" : "unsigned") + " integer (supported: 8, 16, 32 bits)");
        };
    }

    /** The floating-point type of the given width. */
    public static DataType floating(int bits) {
        return switch (bits) {
            case 32 -> FLOAT32;
            case 64 -> FLOAT64;
            default -> throw new VemsegException.Unsupported(
                    "unsupported data type: " + bits + "-bit float (supported: 32, 64 bits)");
        };
    }
}
