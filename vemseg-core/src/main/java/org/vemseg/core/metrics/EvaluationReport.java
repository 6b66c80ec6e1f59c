package org.vemseg.core.metrics;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.objects.PostProcessing;

/**
 * The result of {@link Evaluation}: a readable table, JSON and CSV. Undefined scores (NaN) are written as
 * JSON {@code null} and as empty CSV cells.
 *
 * @param classes per-class scores over the whole volume (background, foreground)
 * @param slices scores of each z slice: the foreground for a binary prediction, every class for class maps
 * @param objects object matching, or null if not requested
 * @param boundary Rand and VI of the enclosed cells, or null if not requested
 * @param postProcessing what post-processing changed in the prediction, or null if there was none
 */
public record EvaluationReport(String prediction, String labels, EvaluationOptions options, long excludedVoxels,
        List<ClassScores> classes, List<List<ClassScores>> slices, ObjectMatching.Result objects,
        BoundaryScores boundary, PostProcessing.Result postProcessing) {

    public EvaluationReport {
        classes = List.copyOf(classes);
        slices = slices.stream().map(List::copyOf).toList();
    }

    /** The foreground class of a binary evaluation (the last class of class maps). */
    public ClassScores foreground() {
        return classes.get(classes.size() - 1);
    }

    /** Mean F1 over the classes. */
    public double meanF1() {
        return classes.stream().mapToDouble(ClassScores::f1).average().orElse(Double.NaN);
    }

    /** Mean Jaccard over the classes. */
    public double meanJaccard() {
        return classes.stream().mapToDouble(ClassScores::jaccard).average().orElse(Double.NaN);
    }

    /** Voxel accuracy: the fraction of scored voxels whose class is right. */
    public double accuracy() {
        long right = 0;
        long all = 0;
        for (ClassScores c : classes) {
            right += c.counts().tp();
            all = c.counts().total(); // every class's counts cover all scored voxels
        }
        return all == 0 ? Double.NaN : right / (double) all;
    }

    /** The table with one row per slice and class added (long for big volumes). */
    public String tableWithSlices() {
        StringBuilder sb = new StringBuilder(table());
        for (int z = 0; z < slices.size(); z++) {
            for (ClassScores c : slices.get(z)) {
                sb.append(row(new ClassScores("z " + z + " " + c.name(), c.counts(), c.precision(), c.recall(), c.f1(),
                        c.jaccard(), c.accuracy())));
            }
        }
        return sb.toString();
    }

    /** A table for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("prediction ").append(prediction).append('\n');
        sb.append("labels     ").append(labels).append('\n');
        sb.append(String.format(Locale.ROOT, "%s, exclusion zone %d voxel(s)%s%n", options.multiclass() ? "class maps"
                : String.format(Locale.ROOT, "threshold %.3g", options.threshold()),
                options.exclusionZone(), options.exclusionZone() > 0 ? " (" + excludedVoxels + " voxels not scored)"
                        : ""));
        if (postProcessing != null) {
            sb.append("post-processing ").append(options.postProcessing()).append(": ")
                    .append(postProcessing.summary(options.postProcessing())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-14s %12s %12s %12s %12s %9s %9s %9s %9s %9s%n", "class", "TP", "FP",
                "FN", "TN", "precision", "recall", "F1", "Jaccard", "accuracy"));
        for (ClassScores c : classes) {
            sb.append(row(c));
        }
        sb.append(String.format(Locale.ROOT, "%-14s %12s %12s %12s %12s %9s %9s %9s %9s %9s%n", "mean", "", "", "",
                "", "", "", f(meanF1()), f(meanJaccard()), f(accuracy())));
        if (objects != null) {
            sb.append(String.format(Locale.ROOT,
                    "objects (IoU >= %.2f): predicted %d, true %d, matched %d; precision %s, recall %s, F1 %s, "
                            + "count error %+d (%s), mean IoU of matches %s%n",
                    options.minIou(), objects.predicted(), objects.truth(), objects.matched(), f(objects.precision()),
                    f(objects.recall()), f(objects.f1()), objects.countError(), pct(objects.relativeCountError()),
                    f(objects.meanIou())));
        }
        if (boundary != null) {
            sb.append(String.format(Locale.ROOT,
                    "boundary: Rand error %s (split %s, merge %s); VI %s bits (split %s, merge %s)%n",
                    f(boundary.randError()), f(boundary.randSplit()), f(boundary.randMerge()), f(boundary.vi()),
                    f(boundary.viSplit()), f(boundary.viMerge())));
        }
        return sb.toString();
    }

    private static String row(ClassScores c) {
        ConfusionCounts n = c.counts();
        return String.format(Locale.ROOT, "%-14s %12d %12d %12d %12d %9s %9s %9s %9s %9s%n", c.name(), n.tp(), n.fp(),
                n.fn(), n.tn(), f(c.precision()), f(c.recall()), f(c.f1()), f(c.jaccard()), f(c.accuracy()));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", 100 * v);
    }

    /** The report as a JSON object. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("prediction", prediction);
        o.addProperty("labels", labels);
        o.add("threshold", options.multiclass() ? JsonNull.INSTANCE : num(options.threshold()));
        o.addProperty("class_maps", options.multiclass());
        o.addProperty("exclusion_zone", options.exclusionZone());
        o.addProperty("excluded_voxels", excludedVoxels);
        if (postProcessing != null) {
            JsonObject p = new JsonObject();
            p.addProperty("fill_holes", options.postProcessing().fillHoles().toString());
            p.addProperty("min_size_voxels", options.postProcessing().minSize());
            p.addProperty("filled_voxels", postProcessing.filledVoxels());
            p.addProperty("removed_objects", postProcessing.removedObjects());
            p.addProperty("removed_voxels", postProcessing.removedVoxels());
            p.addProperty("objects_left", postProcessing.labels().count());
            o.add("post_processing", p);
        }
        JsonArray cs = new JsonArray();
        classes.forEach(c -> cs.add(json(c)));
        o.add("classes", cs);
        o.add("mean_f1", num(meanF1()));
        o.add("mean_jaccard", num(meanJaccard()));
        o.add("accuracy", num(accuracy()));
        JsonArray ss = new JsonArray();
        for (int z = 0; z < slices.size(); z++) {
            for (ClassScores c : slices.get(z)) {
                JsonObject s = new JsonObject();
                s.addProperty("z", z);
                json(c).entrySet().forEach(e -> s.add(e.getKey(), e.getValue()));
                ss.add(s);
            }
        }
        o.add("slices", ss);
        if (objects != null) {
            JsonObject j = new JsonObject();
            j.add("min_iou", num(options.minIou()));
            j.addProperty("connectivity", options.connectivity().neighbours());
            j.addProperty("predicted", objects.predicted());
            j.addProperty("true", objects.truth());
            j.addProperty("matched", objects.matched());
            j.addProperty("false_positives", objects.falsePositives());
            j.addProperty("false_negatives", objects.falseNegatives());
            j.add("precision", num(objects.precision()));
            j.add("recall", num(objects.recall()));
            j.add("f1", num(objects.f1()));
            j.addProperty("count_error", objects.countError());
            j.add("relative_count_error", num(objects.relativeCountError()));
            j.add("mean_iou", num(objects.meanIou()));
            o.add("objects", j);
        }
        if (boundary != null) {
            JsonObject j = new JsonObject();
            j.add("rand_error", num(boundary.randError()));
            j.add("rand_f_score", num(boundary.randFScore()));
            j.add("rand_split", num(boundary.randSplit()));
            j.add("rand_merge", num(boundary.randMerge()));
            j.add("vi_bits", num(boundary.vi()));
            j.add("vi_split", num(boundary.viSplit()));
            j.add("vi_merge", num(boundary.viMerge()));
            o.add("boundary", j);
        }
        return o;
    }

    private static JsonObject json(ClassScores c) {
        JsonObject o = new JsonObject();
        o.addProperty("class", c.name());
        o.addProperty("tp", c.counts().tp());
        o.addProperty("fp", c.counts().fp());
        o.addProperty("fn", c.counts().fn());
        o.addProperty("tn", c.counts().tn());
        o.add("precision", num(c.precision()));
        o.add("recall", num(c.recall()));
        o.add("f1", num(c.f1()));
        o.add("jaccard", num(c.jaccard()));
        o.add("accuracy", num(c.accuracy()));
        return o;
    }

    private static JsonElement num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }

    public void writeJson(Path path, boolean overwrite) {
        write(path, overwrite, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson()) + "\n");
    }

    /**
     * CSV with one row per class over the volume ({@code scope = volume}), one per slice ({@code scope = z}),
     * and one for objects if matched ({@code tp} = matched, {@code fp}, {@code fn}; no {@code tn}).
     */
    public void writeCsv(Path path, boolean overwrite) {
        StringBuilder sb = new StringBuilder("scope,class,tp,fp,fn,tn,precision,recall,f1,jaccard,accuracy\n");
        for (ClassScores c : classes) {
            sb.append(csv("volume", c));
        }
        for (int z = 0; z < slices.size(); z++) {
            for (ClassScores c : slices.get(z)) {
                sb.append(csv(Integer.toString(z), c));
            }
        }
        if (objects != null) {
            sb.append("objects,objects,").append(objects.matched()).append(',').append(objects.falsePositives())
                    .append(',').append(objects.falseNegatives()).append(",,").append(c(objects.precision()))
                    .append(',').append(c(objects.recall())).append(',').append(c(objects.f1())).append(",,\n");
        }
        write(path, overwrite, sb.toString());
    }

    private static String csv(String scope, ClassScores c) {
        ConfusionCounts n = c.counts();
        return scope + "," + c.name() + "," + n.tp() + "," + n.fp() + "," + n.fn() + "," + n.tn() + ","
                + c(c.precision()) + "," + c(c.recall()) + "," + c(c.f1()) + "," + c(c.jaccard()) + ","
                + c(c.accuracy()) + "\n";
    }

    private static String c(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static void write(Path path, boolean overwrite, String text) {
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try {
                Files.writeString(out.temp(), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write report", e);
            }
            out.commit();
        }
    }
}
