package org.vemseg.nn.pretrain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;

/** Results of a transfer benchmark, written as a Markdown table (rows datasets, columns initialisations) and CSV. */
public record BenchmarkResult(BenchmarkConfig config, List<Row> rows) {

    /** Initialisations compared. */
    public enum Init {
        RANDOM("random init"), PRETRAINED("MoCo v2 encoder");

        private final String label;

        Init(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One fine-tuning run, scored on the held-out slices (foreground class). */
    public record Row(BenchmarkDataset dataset, String split, Init init, long iterations, double minutes, double iou,
            double f1, double finalLoss) {
    }

    public BenchmarkResult {
        rows = List.copyOf(rows);
    }

    /** Foreground IoU of a dataset and initialisation, or NaN if not run. */
    public double iou(BenchmarkDataset d, Init init) {
        return rows.stream().filter(r -> r.dataset() == d && r.init() == init).mapToDouble(Row::iou).findFirst()
                .orElse(Double.NaN);
    }

    public List<String> markdown() {
        List<String> l = new ArrayList<>();
        l.add("| dataset (held-out IoU, foreground) | " + Init.RANDOM.label() + " | " + Init.PRETRAINED.label()
                + " | difference |");
        l.add("|---|---:|---:|---:|");
        for (BenchmarkDataset d : config.datasets()) {
            double a = iou(d, Init.RANDOM);
            double b = iou(d, Init.PRETRAINED);
            l.add(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %+.4f |", d, a, b, b - a));
        }
        l.add("");
        l.add(String.format(Locale.ROOT, "%d fine-tuning iterations per run, patch %d, batch %d, %s lr %s, seed %d; "
                + "encoder weights %s.", config.iterations(), config.patch(), config.batch(), config.optimizer(),
                config.learningRate(), config.seed(), config.encoderWeights()));
        for (BenchmarkDataset d : config.datasets()) {
            rows.stream().filter(r -> r.dataset() == d).findFirst()
                    .ifPresent(r -> l.add("- " + d + ": " + r.split()));
        }
        return l;
    }

    public List<String> csv() {
        List<String> l = new ArrayList<>();
        l.add("dataset,init,iterations,minutes,iou,f1,final_loss");
        for (Row r : rows) {
            l.add(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.4f,%.4f,%.4f", r.dataset(),
                    r.init().name().toLowerCase(Locale.ROOT), r.iterations(), r.minutes(), r.iou(), r.f1(),
                    r.finalLoss()));
        }
        return l;
    }

    /** Writes the table and the CSV (each atomically). */
    public void save() {
        write(config.out(), markdown());
        write(config.csv(), csv());
    }

    private void write(Path path, List<String> lines) {
        try (AtomicOutput out = AtomicOutput.begin(path, true, false)) {
            try {
                Files.write(out.temp(), lines, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw VemsegException.IO.of(path, "write benchmark table", e);
            }
            out.commit();
        }
    }
}
