package org.vemseg.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Keeps a resumed job ({@code resume}: a prediction, a conversion) from mixing chunks of two different jobs in one
 * OME-Zarr output. The partial folder itself only records shape, chunk, type and compression; this guard stores a
 * description of the job (for a prediction: input, models, tiling, augmentation, output type; for a conversion:
 * input, crop, type, chunk, format) in a file beside the partial folder, {@code .<name>.vemseg-partial.job}, and
 * refuses to resume a partial output started by another job. The file is removed when the output is committed.
 *
 * <p>The description is one {@code key=value} setting a line. A refusal names the first setting that differs;
 * the input (identified by a {@link VolumeFingerprint}) and the tiling get messages of their
 * own. Note lines ({@link #MEMORY}) are recorded only to explain a refusal.
 */
public final class ResumeGuard {

    /** Key of the input's sampled content ({@link VolumeFingerprint#content()}). */
    public static final String INPUT_CONTENT = "input-content";
    /** Key of the input's file sizes and times ({@link VolumeFingerprint#files()}). */
    public static final String INPUT_FILES = "input-files";
    /** Key of a prediction's output chunks and work-unit extent, which place the tiles. */
    public static final String TILING = "tiling";
    /** Key of the memory (Java heap, work-unit budget) the tiling was derived from: a note, not compared. */
    public static final String MEMORY = "memory";

    private static final Set<String> NOTES = Set.of(MEMORY);

    private final Path file;
    private final String job;

    private ResumeGuard(Path file, String job) {
        this.file = file;
        this.job = job;
    }

    /**
     * The guard of the resumable output at {@code target}, describing the job as {@code job} (one {@code key=value}
     * a line). When {@code resume} is set it is checked here, before the partial output is opened: a refusal leaves
     * the partial output as it was.
     */
    public static ResumeGuard checked(Path target, String job, boolean resume) {
        ResumeGuard guard = of(target, job);
        if (resume) {
            guard.checkResumable(target);
        }
        return guard;
    }

    /**
     * The lines that identify an input volume: its path, shape and type, and its {@link VolumeFingerprint} (sampled
     * content, files' sizes and times), each compared on resuming with a refusal of its own.
     */
    public static String describeInput(VolumeLocation location, VolumeReader reader) {
        VolumeInfo in = reader.info();
        VolumeFingerprint input = VolumeFingerprint.of(location, reader);
        return "input=" + location.path().toAbsolutePath().normalize() + location.dataset().map(d -> ":" + d)
                .orElse("") + ' ' + in.bounds().shapeString() + ' ' + in.dataType() + '\n'
                + INPUT_CONTENT + '=' + input.content() + '\n'
                + INPUT_FILES + '=' + input.files() + '\n';
    }

    /**
     * Refuses {@code resume} for an output whose format keeps no partial output ({@link VolumeFormat#isResumable()}):
     * such outputs are written whole to a temporary, and an interrupted one starts again.
     */
    public static void requireResumable(VolumeLocation output, VolumeFormat format, boolean resume) {
        if (resume && !format.isResumable()) {
            throw new VemsegException.InvalidInput(output + ": {resume} needs an OME-Zarr output (.zarr), "
                    + "whose chunks are stored separately");
        }
    }

    /** A guard for the output at {@code target}, describing the job as {@code job} (one {@code key=value} a line). */
    public static ResumeGuard of(Path target, String job) {
        Path partial = AtomicOutput.partialPath(target);
        return new ResumeGuard(partial.resolveSibling(partial.getFileName() + ".job"), job);
    }

    /** Throws if the partial output being resumed was started by a different job. */
    public void checkResumable(Path target) {
        if (!Files.isRegularFile(file)) {
            return; // nothing recorded (e.g. written by an older vemseg): trust the array metadata check
        }
        String recorded;
        try {
            recorded = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read", e);
        }
        List<String> was = settings(recorded);
        List<String> now = settings(job);
        for (int i = 0; i < Math.min(was.size(), now.size()); i++) {
            if (!was.get(i).equals(now.get(i))) {
                throw new VemsegException.InvalidInput(refusal(target, was.get(i), now.get(i), recorded, job));
            }
        }
        if (was.size() != now.size()) {
            throw new VemsegException.InvalidInput(target + ": the partial output was started with different "
                    + "settings (different number of settings); use {overwrite} to start again");
        }
    }

    /** The one-line refusal for the first setting that differs, naming what changed. */
    private static String refusal(Path target, String was, String now, String recordedJob, String job) {
        String restart = "use {overwrite} to start again";
        String key = key(now);
        if (!key.equals(key(was))) {
            return differentSettings(target, was, now);
        }
        return switch (key) {
            case INPUT_CONTENT -> "cannot resume " + target + ": the input changed since the interrupted run "
                    + "(content differs); " + restart;
            case INPUT_FILES -> "cannot resume " + target + ": the input changed since the interrupted run (size or "
                    + "modification time of its files differ); " + restart;
            case TILING -> "cannot resume " + target + ": the tiling changed since the interrupted run (was "
                    + value(was) + ", now " + value(now) + "; memory was " + note(recordedJob, MEMORY) + ", now "
                    + note(job, MEMORY) + "): resume with the same VEMSEG_JAVA_OPTS=-Xmx as before, or " + restart;
            default -> differentSettings(target, was, now);
        };
    }

    private static String differentSettings(Path target, String was, String now) {
        return target + ": the partial output was started with different settings (was " + was + ", now " + now
                + "); use {overwrite} to start again";
    }

    /** Records the job before the first chunk is written. */
    public void record() {
        AtomicFile.write(file, job.getBytes(StandardCharsets.UTF_8), "write");
    }

    /** Forgets the job once its output is complete. */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // harmless leftover: a later job with the same output overwrites or ignores it
        }
    }

    /** The job's lines that must match, without the notes. */
    private static List<String> settings(String job) {
        return job.lines().filter(l -> !NOTES.contains(key(l))).toList();
    }

    private static String key(String line) {
        int eq = line.indexOf('=');
        return eq < 0 ? line : line.substring(0, eq);
    }

    private static String value(String line) {
        return line.substring(line.indexOf('=') + 1);
    }

    /** The value of a note line in a recorded job, or "unknown". */
    private static String note(String job, String key) {
        return job.lines().filter(l -> key(l).equals(key)).map(ResumeGuard::value).findFirst().orElse("unknown");
    }
}
