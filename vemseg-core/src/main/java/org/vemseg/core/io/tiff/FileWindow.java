package org.vemseg.core.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;

/**
 * Small positional reads of TIFF structures (IFDs and their values) through a cached window of the file,
 * so that parsing thousands of IFDs costs about one read each. Not thread-safe; used while opening.
 */
final class FileWindow {

    private static final int WINDOW = 8192;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowStart = -1;

    FileWindow(Path path, FileChannel channel, long size, ByteOrder order) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.order = order;
    }

    long size() {
        return size;
    }

    /**
     * A buffer holding the {@code length} bytes at {@code offset}, positioned at the first of them; valid
     * until the next call.
     *
     * @throws VemsegException.Corrupt if the range lies beyond the end of the file
     */
    ByteBuffer at(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw TiffFormat.corrupt(path, what + " at offset " + offset + " lies beyond the end of the file ("
                    + size + " bytes); the file is truncated or damaged");
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw TiffFormat.corrupt(path, what + " is implausibly large (" + length + " bytes)");
        }
        if (windowStart < 0 || offset < windowStart || offset + length > windowStart + window.limit()) {
            int n = (int) Math.min(Math.max(length, WINDOW), size - offset);
            if (window.capacity() < n) {
                window = ByteBuffer.allocate(Math.max(n, WINDOW));
            }
            window.clear().limit(n);
            readFully(channel, window, offset, path);
            window.flip();
            windowStart = offset;
        }
        window.order(order);
        window.position((int) (offset - windowStart));
        return window;
    }

    /** Reads until {@code buf} is full; a short file is reported as corrupt. */
    static void readFully(FileChannel channel, ByteBuffer buf, long offset, Path path) {
        long pos = offset;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw TiffFormat.corrupt(path, "unexpected end of file at offset " + pos
                            + "; the file is truncated");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read", e);
        }
    }
}
