package org.vemseg.core.io;

import java.util.Locale;
import org.vemseg.core.VemsegException;

/** File type of each 2D image when a volume is written as a folder of slices. */
public enum SliceFormat {
    PNG("png"),
    TIFF("tif");

    private final String extension;

    SliceFormat(String extension) {
        this.extension = extension;
    }

    /** File extension without the dot. */
    public String extension() {
        return extension;
    }

    public static SliceFormat fromString(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "tif", "tiff" -> TIFF;
            default -> throw new VemsegException.Unsupported("unknown slice format '" + name + "'; valid: png, tif");
        };
    }
}
