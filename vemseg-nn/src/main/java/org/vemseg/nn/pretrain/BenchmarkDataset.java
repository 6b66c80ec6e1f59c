package org.vemseg.nn.pretrain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.Box;
import org.vemseg.nn.data.LabelMapping;

/**
 * The labelled datasets of the transfer benchmark, with fixed training / held-out splits (as in
 * {@code ../shared/data/README.md}):
 * <ul>
 * <li>cdeep3m-mito: the shipped {@code train/} (20 slices) and {@code valid/} (10 slices) folders; label 1 = mito.</li>
 * <li>lucchi-pp: slices 0–139 of {@code train-images.tif} / {@code train-mito.tif} for training, 140–164 held
 * out; label 255 = mito.</li>
 * <li>isbi2012: slices 0–24 for training, 25–29 held out; foreground = membrane = label value 0.</li>
 * </ul>
 */
public enum BenchmarkDataset {
    CDEEP3M_MITO("cdeep3m-mito"),
    LUCCHI_PP("lucchi-pp"),
    ISBI2012("isbi2012");

    private final String id;

    BenchmarkDataset(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Paths of one split's volumes and how to read their labels. */
    public record Split(Path trainImages, Path trainLabels, Path validImages, Path validLabels, LabelMapping mapping,
            String description) {
    }

    /**
     * The split of this dataset under {@code data}; z ranges of single files are cut into TIFFs under
     * {@code work} (reused if present). Throws InvalidInput naming the missing file.
     */
    public Split prepare(Path data, Path work) {
        Path d = data.resolve(id);
        return switch (this) {
            case CDEEP3M_MITO -> new Split(need(d.resolve("train/images")), need(d.resolve("train/labels")),
                    need(d.resolve("valid/images")), need(d.resolve("valid/labels")), LabelMapping.binary(),
                    "train/ (20 slices) vs valid/ (10 slices), 1024×1024");
            case LUCCHI_PP -> slices(need(d.resolve("train-images.tif")), need(d.resolve("train-mito.tif")), work,
                    140, 165, LabelMapping.binary(), "slices 0–139 vs 140–164 of train-images.tif, 768×1024");
            case ISBI2012 -> slices(need(d.resolve("train-volume.tif")), need(d.resolve("train-labels.tif")), work,
                    25, 30, new LabelMapping(OptionalInt.of(0), OptionalInt.empty()),
                    "slices 0–24 vs 25–29, 512×512, foreground = membrane (label 0)");
        };
    }

    private Split slices(Path images, Path labels, Path work, int split, int depth, LabelMapping mapping,
            String description) {
        return new Split(cut(images, work, 0, split, "train-images"), cut(labels, work, 0, split, "train-labels"),
                cut(images, work, split, depth, "valid-images"), cut(labels, work, split, depth, "valid-labels"),
                mapping, description);
    }

    private Path cut(Path source, Path work, int z0, int z1, String name) {
        Path out = work.resolve(id + "-" + name + ".tif");
        if (Files.exists(out)) {
            return out;
        }
        try (VolumeReader r = Volumes.open(source.toString())) {
            if (r.info().depth() < z1) {
                throw new VemsegException.InvalidInput(source + ": " + r.info().depth() + " slices, the benchmark "
                        + "split needs " + z1);
            }
            Volumes.write(VolumeLocation.of(out), r.read(new Box(z0, 0, 0, z1 - z0, r.info().height(),
                    r.info().width())), r.info().voxelSize(), WriteOptions.defaults());
        }
        return out;
    }

    private static Path need(Path p) {
        if (!Files.exists(p)) {
            throw new VemsegException.InvalidInput(p + ": benchmark data not found (pass " + Settings.name("data")
                    + ")");
        }
        return p;
    }

    public static BenchmarkDataset fromString(String s) {
        for (BenchmarkDataset d : values()) {
            if (d.id.equals(s.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + s + "'; valid: "
                + Arrays.stream(values()).map(BenchmarkDataset::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
