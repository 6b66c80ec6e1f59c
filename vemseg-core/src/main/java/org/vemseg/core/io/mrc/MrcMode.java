package org.vemseg.core.io.mrc;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vemseg.core.volume.DataType;

/**
 * The MRC {@code mode} word: how voxels are stored. vemseg reads the real-valued scalar modes (0, 1, 2,
 * 6); the others are named so that an unsupported file says exactly what it holds.
 */
enum MrcMode {
    /** 8-bit integer; signed or unsigned depending on the writer, see {@link MrcHeader#dataType()}. */
    BYTE(0, "8-bit integer", 1, null),
    INT16(1, "int16", 2, DataType.INT16),
    FLOAT32(2, "float32", 4, DataType.FLOAT32),
    COMPLEX_INT16(3, "complex int16", 4, null),
    COMPLEX_FLOAT32(4, "complex float32", 8, null),
    UINT16(6, "uint16", 2, DataType.UINT16),
    FLOAT16(12, "float16", 2, null),
    RGB(16, "RGB uint8 x 3", 3, null),
    PACKED_4BIT(101, "packed 4-bit", 0, null);

    private final int code;
    private final String description;
    private final int bytes;
    private final DataType type;

    MrcMode(int code, String description, int bytes, DataType type) {
        this.code = code;
        this.description = description;
        this.bytes = bytes;
        this.type = type;
    }

    int code() {
        return code;
    }

    /** Bytes per voxel on disk (0 for the packed 4-bit mode, which vemseg does not read). */
    int bytes() {
        return bytes;
    }

    /** The fixed voxel type of this mode; empty for mode 0 (signedness varies) and unsupported modes. */
    Optional<DataType> fixedType() {
        return Optional.ofNullable(type);
    }

    boolean isSupported() {
        return this == BYTE || type != null;
    }

    static Optional<MrcMode> of(int code) {
        return Arrays.stream(values()).filter(m -> m.code == code).findFirst();
    }

    /** {@code "0, 1, 2, 6"}: the modes vemseg reads, for error messages. */
    static String supportedCodes() {
        return Arrays.stream(values()).filter(MrcMode::isSupported).map(m -> Integer.toString(m.code))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "mode " + code + " (" + description + ")";
    }
}
