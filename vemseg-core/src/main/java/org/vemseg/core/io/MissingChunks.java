package org.vemseg.core.io;

import java.util.Locale;

/**
 * Chunks of a chunked store (a Zarr array) that have no file. The format defines them as holding the fill value,
 * so they read without error, but on an input they usually mean an incomplete upload or copy; {@code info} and
 * {@code predict} warn about them.
 *
 * @param missing chunks without a file
 * @param total   chunks of the array's grid
 */
public record MissingChunks(long missing, long total) {

    public MissingChunks {
        if (missing < 1 || missing > total) {
            throw new IllegalArgumentException("missing chunks must be 1 to " + total + ", was " + missing);
        }
    }

    /** The one-line warning about {@code volume}. */
    public String warning(Object volume) {
        return String.format(Locale.ROOT, "%s: %d of %d chunks are missing and read as the fill value (an incomplete "
                + "upload or copy? some writers also skip chunks holding only the fill value)", volume, missing, total);
    }
}
