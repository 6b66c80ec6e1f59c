package org.vemseg.core.io.zarr;

import java.nio.ByteOrder;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;

/**
 * A Zarr v2 {@code dtype} string (NumPy array-interface typestr) such as {@code "|u1"}, {@code "<u2"},
 * {@code ">i2"}, {@code "<f4"}: byte order, kind ({@code u}, {@code i}, {@code f}) and size in bytes.
 */
record ZarrDtype(DataType type, ByteOrder order) {

    static ZarrDtype parse(String s) {
        if (s.length() < 3) {
            throw new VemsegException.Unsupported("unsupported dtype '" + s + "'");
        }
        char endian = s.charAt(0);
        char kind = s.charAt(1);
        int size;
        try {
            size = Integer.parseInt(s.substring(2));
        } catch (NumberFormatException e) {
            throw new VemsegException.Unsupported("unsupported dtype '" + s + "'");
        }
        ByteOrder order = switch (endian) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new VemsegException.Unsupported("unsupported dtype '" + s + "' (byte order '" + endian
                    + "')");
        };
        DataType type;
        try {
            type = switch (kind) {
                case 'u' -> DataType.integer(size * 8, false);
                case 'i' -> DataType.integer(size * 8, true);
                case 'f' -> DataType.floating(size * 8);
                default -> throw new VemsegException.Unsupported("x");
            };
        } catch (VemsegException.Unsupported e) {
            throw new VemsegException.Unsupported("unsupported dtype '" + s
                    + "'; vemseg reads u1, i1, u2, i2, u4, i4, f4, f8");
        }
        return new ZarrDtype(type, order);
    }

    /** The dtype vemseg writes for a type: little-endian ({@code |} for single bytes). */
    static ZarrDtype of(DataType type) {
        return new ZarrDtype(type, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        char endian = type.bytes() == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        char kind = type.isFloating() ? 'f' : type.isSigned() ? 'i' : 'u';
        return "" + endian + kind + type.bytes();
    }
}
