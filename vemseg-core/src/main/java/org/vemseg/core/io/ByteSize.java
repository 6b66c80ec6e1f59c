package org.vemseg.core.io;

import java.util.Locale;

/** Byte counts for people: one formatting for every message that states a size in binary units. */
public final class ByteSize {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSize() {
    }

    /** Bytes in binary units, e.g. {@code 512 B}, {@code 1.5 GiB}. */
    public static String binary(long bytes) {
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
