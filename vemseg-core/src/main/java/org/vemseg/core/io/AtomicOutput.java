package org.vemseg.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.WriterPool;

/**
 * Write-then-rename for one output file or folder. Data goes to a hidden temporary sibling of the target
 * ({@code .name.vemseg-tmp-…}, same file system, so the final rename is atomic for files);
 * {@link #commit()} moves it into place. Until then the target is untouched: an existing output is
 * never half-overwritten, and a failed or interrupted write leaves no output at all.
 *
 * <p>The temporary's name carries the writing process's PID, so that a later write of the same target can
 * tell the temporaries of a killed run from those of a concurrent one and remove them ({@link StaleTemporaries}).
 *
 * <p>Uncommitted temporaries are also deleted by a shutdown hook, so Ctrl-C cleans up. The hook first stops
 * every {@link WriterPool} and waits for its workers, which would otherwise write on into the deleted temporary
 * and recreate it; a commit racing with the hook either completes before it or fails.
 */
public final class AtomicOutput implements AutoCloseable {

    private static final Set<AtomicOutput> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            WriterPool.closeAll();
            PENDING.forEach(AtomicOutput::abandon);
        }, "vemseg-temp-cleanup"));
    }

    private final Path target;
    private final Path temp;
    private final boolean overwrite;
    private final boolean keepUncommitted;
    private boolean committed;
    private boolean abandoned;
    private boolean resumed;

    private AtomicOutput(Path target, Path temp, boolean overwrite, boolean keepUncommitted) {
        this.target = target;
        this.temp = temp;
        this.overwrite = overwrite;
        this.keepUncommitted = keepUncommitted;
    }

    /**
     * Prepares writing {@code target}. Fails at once, before any work, if the target exists and
     * {@code overwrite} is false, or if its folder cannot be created or written.
     *
     * @param directory whether the output is a folder (Zarr, slice folder) rather than a file
     */
    public static AtomicOutput begin(Path target, boolean overwrite, boolean directory) {
        Path abs = checkTarget(target, overwrite);
        StaleTemporaries.removeBeside(abs);
        Path parent = abs.getParent();
        Path temp = parent.resolve("." + abs.getFileName() + ".vemseg-tmp-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        try {
            if (directory) {
                Files.createDirectory(temp);
            } else {
                Files.createFile(temp);
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(temp, "create temporary output", e);
        }
        AtomicOutput out = new AtomicOutput(abs, temp, overwrite, false);
        PENDING.add(out);
        return out;
    }

    /**
     * Prepares writing the folder {@code target} so that an interrupted run can be continued: the
     * temporary folder has a fixed name ({@link #partialPath(Path)}) and survives an uncommitted
     * {@link #close()} and Ctrl-C. Used for long outputs written chunk by chunk (prediction into OME-Zarr).
     *
     * @param resume continue in an existing partial folder; without it an existing partial folder is an
     *               error (so two runs never silently mix), unless {@code overwrite} discards it
     * @return the output; {@link #resumed()} says whether a partial folder was found and kept
     */
    public static AtomicOutput resumable(Path target, boolean overwrite, boolean resume) {
        Path abs = checkTarget(target, overwrite);
        StaleTemporaries.removeBeside(abs);
        Path partial = partialPath(abs);
        checkPartial(target, overwrite, resume);
        boolean exists = Files.isDirectory(partial);
        if (exists && !resume) {
            deleteQuietly(partial);
            exists = false;
        }
        if (exists) {
            AtomicFile.removeTemporariesBelow(partial);
        }
        if (!exists) {
            try {
                Files.createDirectory(partial);
            } catch (IOException e) {
                throw VemsegException.IO.of(partial, "create temporary output", e);
            }
        }
        AtomicOutput out = new AtomicOutput(abs, partial, overwrite, true);
        out.resumed = exists;
        return out;
    }

    /**
     * Refuses, before any work, to write {@code target} over the partial folder of an interrupted run unless the
     * run is resumed or overwritten: two runs must never silently mix.
     */
    public static void checkPartial(Path target, boolean overwrite, boolean resume) {
        Path partial = partialPath(target);
        if (!resume && !overwrite && Files.isDirectory(partial)) {
            throw new VemsegException.InvalidInput(target + ": an interrupted run left a partial output ("
                    + partial.getFileName() + "); use {resume} to continue it or {overwrite} to start again");
        }
    }

    /** The fixed name of the partial folder that {@link #resumable} writes into. */
    public static Path partialPath(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".vemseg-partial");
    }

    /**
     * Deletes the partial folder of {@code target} that {@link #resumable} created, for a job that cannot be resumed
     * and failed: what it wrote is of no use, and a partial folder left behind would stop the next run.
     */
    public static void discardPartial(Path target) {
        deleteQuietly(partialPath(target));
    }

    /** Whether this output continues a partial folder left by an interrupted run. */
    public boolean resumed() {
        return resumed;
    }

    private static Path checkTarget(Path target, boolean overwrite) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !overwrite) {
            throw new VemsegException.InvalidInput(target + ": output exists; use {overwrite} to replace it");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw VemsegException.IO.of(parent, "create output folder", e);
        }
        if (!Files.isWritable(parent)) {
            throw new VemsegException.IO(parent + ": cannot write output here: permission denied");
        }
        return abs;
    }

    /** The final path. */
    public Path target() {
        return target;
    }

    /** Where to write until {@link #commit()}. */
    public Path temp() {
        return temp;
    }

    /** Moves the temporary output to the target, replacing an existing one only if overwrite was allowed. */
    public synchronized void commit() {
        if (committed) {
            return;
        }
        if (abandoned) {
            throw new VemsegException(target + ": not written: the run is being stopped");
        }
        try {
            if (Files.exists(target)) {
                if (!overwrite) {
                    throw new VemsegException.InvalidInput(target + ": output appeared while writing; not replaced");
                }
                // Move the old output aside first so a failure in between never loses both.
                Path old = target.resolveSibling("." + target.getFileName() + ".vemseg-old-"
                        + ProcessHandle.current().pid());
                Files.move(target, old, StandardCopyOption.REPLACE_EXISTING);
                move(temp, target);
                deleteQuietly(old);
            } else {
                move(temp, target);
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(target, "move finished output into place", e);
        }
        committed = true;
        PENDING.remove(this);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes the temporary output unless committed or {@linkplain #resumable resumable}. */
    @Override
    public synchronized void close() {
        if (!committed && !keepUncommitted) {
            deleteQuietly(temp);
            PENDING.remove(this);
        }
    }

    /** Deletes the temporary for good, at shutdown: a later {@link #commit()} fails instead of moving a part. */
    private synchronized void abandon() {
        if (!committed) {
            abandoned = true;
            deleteQuietly(temp);
        }
    }

    /** Deletes a file or a folder tree, ignoring errors (used only for our own temporaries). */
    public static void deleteQuietly(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden temporary never hides or damages a real output
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
