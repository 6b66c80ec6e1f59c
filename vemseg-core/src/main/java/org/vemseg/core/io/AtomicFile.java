package org.vemseg.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import org.vemseg.core.VemsegException;

/**
 * Replaces one small file atomically: the content goes to a hidden temporary sibling, which is then renamed
 * over the file, so readers see the old content or the new one, never a part. Used for Zarr chunks,
 * checkpoints and job records; whole outputs use {@link AtomicOutput}, which also cleans up on Ctrl-C.
 * Safe for concurrent writers of different files in one folder (each temporary has a random name).
 */
public final class AtomicFile {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code bytes} as {@code file}; {@code what} names the file in an error ("write chunk"). */
    public static void write(Path file, byte[] bytes, String what) {
        write(file, out -> out.write(bytes), what);
    }

    /**
     * Writes {@code file} with {@code content}. On failure the temporary is deleted, the file keeps its old
     * content, and a one-line {@link VemsegException.IO} names the file and {@code what} was being done.
     */
    public static void write(Path file, Content content, String what) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original error matters more; a hidden leftover temporary is never read
            }
            throw VemsegException.IO.of(file, what, e);
        }
    }
}
