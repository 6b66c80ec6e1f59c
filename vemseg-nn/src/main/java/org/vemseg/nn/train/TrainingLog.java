package org.vemseg.nn.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.VemsegException;

/**
 * CSV log of training: {@code frames,iteration,minutes,loss,lr,val_iou,val_f1} (validation columns are the
 * foreground class, empty when not validated at that iteration). One line per iteration, flushed at once so
 * the log survives a crash.
 */
public final class TrainingLog {

    static final String HEADER = "frames,iteration,minutes,loss,lr,val_iou,val_f1";

    private final Path path;

    private TrainingLog(Path path) {
        this.path = path;
    }

    /** Starts a new log, replacing an old one. */
    public static TrainingLog create(Path path) {
        write(path, List.of(HEADER), false);
        return new TrainingLog(path);
    }

    /**
     * Continues a log on resume: drops rows of {@code frames} beyond {@code iteration} (written after the last
     * checkpoint, and about to be redone).
     */
    public static TrainingLog resume(Path path, int frames, long iteration) {
        if (!Files.exists(path)) {
            return create(path);
        }
        List<String> kept = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", -1);
                if (line.startsWith("frames") || !f[0].equals(String.valueOf(frames))
                        || Long.parseLong(f[1]) <= iteration) {
                    kept.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new VemsegException.IO(path + ": cannot read training log to resume: " + e.getMessage());
        }
        write(path, kept, false);
        return new TrainingLog(path);
    }

    public void append(int frames, long iteration, double minutes, double loss, double lr, double iou, double f1) {
        String v = Double.isNaN(iou) ? "," : String.format(Locale.ROOT, "%.4f,%.4f", iou, f1);
        write(path, List.of(String.format(Locale.ROOT, "%d,%d,%.3f,%.5f,%.6g,%s", frames, iteration, minutes, loss,
                lr, v)), true);
    }

    private static void write(Path path, List<String> lines, boolean append) {
        try {
            Files.write(path, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "write training log", e);
        }
    }
}
