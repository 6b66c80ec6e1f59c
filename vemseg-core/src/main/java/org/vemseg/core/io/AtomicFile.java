package org.vemseg.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vemseg.core.VemsegException;

/**
 * Replaces one small file atomically: the content goes to a hidden temporary sibling, which is then renamed
 * over the file, so readers see the old content or the new one, never a part. Used for Zarr chunks,
 * checkpoints and job records; whole outputs use {@link AtomicOutput}, which also cleans up on Ctrl-C.
 * Safe for concurrent writers of different files in one folder (each temporary has a random name).
 */
public final class AtomicFile {

    /** The name of a temporary of {@link #write}: the file's name with a random hexadecimal suffix. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.tmp-[0-9a-f]+");

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
        write(file, content, what, false);
    }

    /**
     * As {@link #write(Path, Content, String)}, and the content reaches the disk before it replaces the file, and
     * the replacement before this returns: after a power cut or a system crash the file holds the old content or
     * the new, never an empty or partly written file. For checkpoints, whose loss costs hours; too slow for the
     * many small files (chunks) that can be written again.
     */
    public static void writeDurably(Path file, Content content, String what) {
        write(file, content, what, true);
    }

    private static void write(Path file, Content content, String what, boolean durably) {
        Path temp = file.resolveSibling(temporaryPrefix(file)
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            if (durably) {
                // fsync applies to the file, not to the descriptor: a new one flushes what the stream wrote
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            move(temp, file);
            if (durably) {
                syncFolder(file);
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

    /**
     * Deletes the temporaries of {@code file} that writers killed outright (kill -9, the out-of-memory killer) left
     * behind, hidden and as large as the file. Only for files that one process at a time writes (checkpoints).
     */
    public static void deleteLeftovers(Path file) {
        String prefix = temporaryPrefix(file);
        Path folder = file.toAbsolutePath().getParent();
        try (Stream<Path> siblings = Files.list(folder)) {
            for (Path p : siblings.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "remove temporaries left by an interrupted write", e);
        }
    }

    /**
     * Deletes every temporary below {@code folder} that an interrupted writer left (kill -9 stops a chunk write
     * between writing its temporary and renaming it): in a partial output being resumed they would otherwise end up,
     * hidden, in the finished output. Only while no other process writes below {@code folder}.
     */
    static void removeTemporariesBelow(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(f -> TEMPORARY.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(folder, "remove temporaries left by an interrupted write", e);
        }
    }

    private static String temporaryPrefix(Path file) {
        return "." + file.getFileName() + ".tmp-";
    }

    /**
     * Moves the finished file {@code from} to {@code to}, replacing it in one step where the file system can (a
     * reader sees the old file or the new one); {@code what} names the move in an error.
     */
    public static void rename(Path from, Path to, String what) {
        try {
            move(from, to);
        } catch (IOException e) {
            throw VemsegException.IO.of(to, what, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a rename in the folder of {@code file} durable; where folders cannot be opened (Windows) it is already. */
    private static void syncFolder(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform: the rename itself is still atomic
        }
    }
}
