package org.vemseg.nn.predict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;
import org.vemseg.core.io.AtomicOutput;

/**
 * Keeps {@code --resume} from mixing chunks of two different predictions in one OME-Zarr output. The
 * partial folder itself only records shape, chunk, type and compression; this guard stores a description
 * of the job (input, models, tiling, augmentation, output type) in a file beside the partial folder,
 * {@code .<name>.vemseg-partial.job}, and refuses to resume a partial output started by another job. The
 * file is removed when the output is committed.
 */
final class ResumeGuard {

    private final Path file;
    private final String job;

    private ResumeGuard(Path file, String job) {
        this.file = file;
        this.job = job;
    }

    /** A guard for the output at {@code target}, describing the job as {@code job} (one setting a line). */
    static ResumeGuard of(Path target, String job) {
        Path partial = AtomicOutput.partialPath(target);
        return new ResumeGuard(partial.resolveSibling(partial.getFileName() + ".job"), job);
    }

    /** Throws if the partial output being resumed was started by a different job. */
    void checkResumable(Path target) {
        if (!Files.isRegularFile(file)) {
            return; // nothing recorded (e.g. written by an older vemseg): trust the array metadata check
        }
        String recorded;
        try {
            recorded = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read", e);
        }
        if (!recorded.equals(job)) {
            throw new VemsegException.InvalidInput(target + ": the partial output was started with different "
                    + "settings (" + firstDifference(recorded, job) + "); use --overwrite to start again");
        }
    }

    /** Records the job before the first chunk is written. */
    void record() {
        AtomicFile.write(file, job.getBytes(StandardCharsets.UTF_8), "write");
    }

    /** Forgets the job once its output is complete. */
    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // harmless leftover: a later job with the same output overwrites or ignores it
        }
    }

    private static String firstDifference(String recorded, String now) {
        String[] a = recorded.split("\n");
        String[] b = now.split("\n");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "was " + a[i] + ", now " + b[i];
            }
        }
        return "different number of settings";
    }
}
