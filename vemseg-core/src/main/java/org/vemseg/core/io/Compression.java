package org.vemseg.core.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;

/** Compression of written data. Which ones a format accepts is up to the format. */
public enum Compression {
    /** No compression: fastest to read and write, largest. */
    NONE("none"),
    /** zlib/Deflate (TIFF), gzip (Zarr). Read everywhere. */
    DEFLATE("deflate"),
    /** TIFF LZW. */
    LZW("lzw"),
    /** TIFF PackBits run-length coding. */
    PACKBITS("packbits"),
    /** Blosc with zstd and byte shuffle: Zarr's common choice, compact and fast. */
    BLOSC_ZSTD("blosc-zstd"),
    /** Blosc with LZ4 and byte shuffle: zarr-python's default compressor. */
    BLOSC_LZ4("blosc-lz4");

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    public static Compression fromString(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c.label.equals(n)) {
                return c;
            }
        }
        if (n.equals("gzip") || n.equals("zlib")) {
            return DEFLATE;
        }
        throw new VemsegException.Unsupported("unknown compression '" + name + "'; valid: "
                + Arrays.stream(values()).map(Compression::toString).collect(Collectors.joining(", ")));
    }
}
