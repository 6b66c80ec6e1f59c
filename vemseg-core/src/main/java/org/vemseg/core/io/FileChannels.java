package org.vemseg.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;

/** Closing the file channels of readers and writers: at the end of use, or after another failure. */
public final class FileChannels {

    private FileChannels() {
    }

    /**
     * Closes a channel at the end of use.
     *
     * @throws VemsegException.IO naming {@code path} if closing fails
     */
    public static void close(FileChannel channel, Path path) {
        try {
            channel.close();
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "close", e);
        }
    }

    /** Closes a channel, if there is one, after another failure: that first error is the one to report. */
    public static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the failure that led here is the one reported
            }
        }
    }
}
