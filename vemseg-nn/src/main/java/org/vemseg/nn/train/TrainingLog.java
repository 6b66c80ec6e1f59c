package org.vemseg.nn.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.vemseg.core.VemsegException;

/**
 * CSV log of training: {@code frames,iteration,minutes,loss,lr,val_iou,val_f1}, and with more than two classes
 * one {@code val_iou_<k>} column per foreground class k. Validation columns are empty when not validated at that
 * iteration; {@code val_iou} and {@code val_f1} are the foreground's (the mean over classes 1 .. N − 1), so they
 * mean the same in binary and multi-class logs. One line per iteration, flushed at once so the log survives a
 * crash.
 */
public final class TrainingLog {

    static final String HEADER = "frames,iteration,minutes,loss,lr,val_iou,val_f1";

    private final Path path;
    /** Classes with a {@code val_iou_<k>} column: 1 .. N − 1 with more than two classes, none in a binary run. */
    private final int perClassColumns;

    private TrainingLog(Path path, int classes) {
        this.path = path;
        this.perClassColumns = perClassColumns(classes);
    }

    private static int perClassColumns(int classes) {
        return classes > 2 ? classes - 1 : 0;
    }

    /** Starts a new log for a network of {@code classes} classes, replacing an old one. */
    public static TrainingLog create(Path path, int classes) {
        StringBuilder header = new StringBuilder(HEADER);
        for (int k = 1; k <= perClassColumns(classes); k++) {
            header.append(",val_iou_").append(k);
        }
        write(path, List.of(header.toString()), false);
        return new TrainingLog(path, classes);
    }

    /**
     * Continues a log on resume: drops rows of {@code frames} beyond {@code iteration} (written after the last
     * checkpoint, and about to be redone).
     */
    public static TrainingLog resume(Path path, int classes, int frames, long iteration) {
        if (!Files.exists(path)) {
            return create(path, classes);
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
        return new TrainingLog(path, classes);
    }

    /** One iteration; {@code scores} is null when the network was not validated at it. */
    public void append(int frames, long iteration, double minutes, double loss, double lr,
            SegmentationMetrics scores) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%d,%.3f,%.5f,%.6g", frames, iteration,
                minutes, loss, lr));
        double[] iou = scores == null ? null : scores.iou();
        row.append(iou == null ? ",," : String.format(Locale.ROOT, ",%.4f,%.4f",
                SegmentationMetrics.foregroundMean(iou), SegmentationMetrics.foregroundMean(scores.f1())));
        for (int k = 1; k <= perClassColumns; k++) {
            row.append(iou == null ? "," : String.format(Locale.ROOT, ",%.4f", iou[k]));
        }
        write(path, List.of(row.toString()), true);
    }

    /**
     * A listener that appends one row per iteration of the member with {@code frames} frames, with the validation
     * scores {@code scores} gives for the iteration (null when the network was not validated at it).
     */
    TrainingListener rows(int frames, LongFunction<SegmentationMetrics> scores) {
        return new TrainingListener() {
            @Override
            public void onIteration(FitState s) {
                append(frames, s.iteration(), s.seconds() / 60, s.loss(), s.lr(), scores.apply(s.iteration()));
            }
        };
    }

    private static void write(Path path, List<String> lines, boolean append) {
        CsvLines.write(path, lines, append, "training log");
    }
}
