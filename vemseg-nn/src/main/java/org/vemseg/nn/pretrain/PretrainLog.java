package org.vemseg.nn.pretrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.train.CsvLines;
import org.vemseg.nn.train.FitState;
import org.vemseg.nn.train.TrainingListener;

/**
 * CSV log of pre-training, {@code iteration,minutes,loss,lr}, one line per iteration, appended at once so it
 * survives a crash. On resume, lines beyond the checkpoint's iteration (about to be redone) are dropped.
 */
public final class PretrainLog {

    static final String HEADER = "iteration,minutes,loss,lr";

    private final Path path;

    private PretrainLog(Path path) {
        this.path = path;
    }

    public static PretrainLog create(Path path) {
        write(path, List.of(HEADER), false);
        return new PretrainLog(path);
    }

    public static PretrainLog resume(Path path, long iteration) {
        if (!Files.exists(path)) {
            return create(path);
        }
        List<String> kept = new ArrayList<>();
        for (String line : read(path)) {
            if (line.startsWith("iteration") || Long.parseLong(line.split(",", -1)[0]) <= iteration) {
                kept.add(line);
            }
        }
        write(path, kept, false);
        return new PretrainLog(path);
    }

    public void append(long iteration, double minutes, double loss, double lr) {
        write(path, List.of(String.format(Locale.ROOT, "%d,%.4f,%.5f,%.6g", iteration, minutes, loss, lr)), true);
    }

    /** A listener that appends one row per iteration. */
    TrainingListener rows() {
        return new TrainingListener() {
            @Override
            public void onIteration(FitState s) {
                append(s.iteration(), s.seconds() / 60, s.loss(), s.lr());
            }
        };
    }

    /** Iteration and loss columns of a log, for charts. */
    public static double[][] losses(Path path) {
        List<String> lines = read(path);
        double[][] out = new double[2][Math.max(0, lines.size() - 1)];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            out[0][i - 1] = Double.parseDouble(f[0]);
            out[1][i - 1] = Double.parseDouble(f[2]);
        }
        return out;
    }

    private static List<String> read(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read pre-training log", e);
        }
    }

    private static void write(Path path, List<String> lines, boolean append) {
        CsvLines.write(path, lines, append, "pre-training log");
    }
}
