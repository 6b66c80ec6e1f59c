package org.vemseg.core.io.tiff;

import java.nio.file.Path;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;

/** The TIFF compression schemes this codec reads and writes, by their code in the Compression tag. */
enum TiffCompression {
    NONE(1, "uncompressed"),
    LZW(5, "LZW"),
    DEFLATE(8, "Deflate"),
    PACKBITS(32773, "PackBits");

    /** The obsolete private code for Deflate that older writers (and tifffile's "zlib") still use. */
    static final int OBSOLETE_DEFLATE = 32946;

    private final int code;
    private final String title;

    TiffCompression(int code, String title) {
        this.code = code;
        this.title = title;
    }

    int code() {
        return code;
    }

    @Override
    public String toString() {
        return title;
    }

    /**
     * The scheme that writes {@code requested} (none if not given).
     *
     * @throws VemsegException.Unsupported for compressions TIFF cannot hold, naming {@code path}
     */
    static TiffCompression forWriting(Path path, Optional<Compression> requested) {
        Compression c = requested.orElse(Compression.NONE);
        return switch (c) {
            case NONE -> TiffCompression.NONE;
            case DEFLATE -> TiffCompression.DEFLATE;
            case LZW -> TiffCompression.LZW;
            case PACKBITS -> TiffCompression.PACKBITS;
            default -> throw new VemsegException.Unsupported(path + ": TIFF cannot be written with " + c
                    + " compression; choose none, deflate, lzw or packbits");
        };
    }

    /** The scheme with this tag value, if supported. */
    static Optional<TiffCompression> ofCode(int code) {
        if (code == OBSOLETE_DEFLATE) {
            return Optional.of(DEFLATE);
        }
        for (TiffCompression c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A readable name of any compression code, for error messages about unsupported ones. */
    static String describe(int code) {
        return switch (code) {
            case 2 -> "CCITT RLE";
            case 3 -> "CCITT Group 3";
            case 4 -> "CCITT Group 4";
            case 6 -> "old-style JPEG";
            case 7 -> "JPEG";
            case 34712 -> "JPEG 2000";
            case 34887 -> "LERC";
            case 34925 -> "LZMA";
            case 50000 -> "Zstandard";
            case 50001 -> "WebP";
            case 50002 -> "JPEG XL";
            default -> ofCode(code).map(TiffCompression::toString).orElse("unknown");
        } + " (" + code + ")";
    }
}
