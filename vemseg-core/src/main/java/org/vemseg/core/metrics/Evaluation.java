package org.vemseg.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.objects.RunLabels;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Scores a prediction against labels: voxel counts and scores per class, per slice and for the volume (with
 * an optional exclusion zone), and optionally object-level matching and boundary measures.
 *
 * <p>Everything streams slice by slice: voxel scores per slice, boundary cells per slice (they are 2D), and
 * the 3D objects of both volumes as labelled runs, matched at the end. Memory is a slice plus the runs.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * @param predictionName and {@code labelsName} name the inputs in messages and in the report
     * @throws VemsegException.InvalidInput if the shapes differ or the prediction is not a probability map
     */
    public static EvaluationReport run(VolumeReader prediction, String predictionName, VolumeReader labels,
            String labelsName, EvaluationOptions options) {
        VolumeInfo pi = prediction.info();
        VolumeInfo li = labels.info();
        if (pi.depth() != li.depth() || pi.height() != li.height() || pi.width() != li.width()) {
            throw new VemsegException.InvalidInput("prediction " + predictionName + " has shape "
                    + pi.bounds().shapeString() + " but labels " + labelsName + " have shape "
                    + li.bounds().shapeString() + "; they must match voxel for voxel");
        }
        int d = (int) pi.depth();
        int h = (int) pi.height();
        int w = (int) pi.width();
        if ((long) h * w > Block.MAX_VOXELS) {
            throw new VemsegException.InvalidInput(predictionName + ": slices of " + h + " x " + w + " are too large");
        }
        if (options.multiclass() && (options.objects() || options.boundary())) {
            throw new VemsegException.InvalidInput("object and boundary scores need a binary prediction; "
                    + "they cannot be combined with class maps");
        }
        if (options.multiclass() && !options.postProcessing().isNone()) {
            throw new VemsegException.InvalidInput("post-processing ({fillHoles}, {minSize}) needs a binary "
                    + "prediction; it cannot be combined with class maps");
        }
        Thresholding.Scale scale = options.multiclass() ? null : Thresholding.Scale.detect(prediction);
        // Post-processing needs the 3D objects before any voxel is scored: a first pass collects them as runs.
        PostProcessing.Result cleaned = options.postProcessing().isNone() ? null
                : postProcess(prediction, predictionName, scale, options);
        // Objects are kept as runs while streaming: memory grows with their outlines, not with the volume.
        RunLabels.Builder predObjects = options.objects() && cleaned == null ? new RunLabels.Builder(h, w) : null;
        RunLabels.Builder truthObjects = options.objects() ? new RunLabels.Builder(h, w) : null;
        BoundaryScores.Accumulator boundary = options.boundary() ? new BoundaryScores.Accumulator() : null;
        List<ConfusionMatrix> slices = new ArrayList<>(d);
        ConfusionMatrix total = new ConfusionMatrix(2);
        long excludedTotal = 0;
        for (int z = 0; z < d; z++) {
            byte[] p;
            byte[] t;
            if (options.multiclass()) {
                p = classMap(prediction.readSlice(z), predictionName);
                t = classMap(labels.readSlice(z), labelsName);
            } else {
                if (cleaned == null) {
                    p = Thresholding.apply(prediction.readSlice(z), options.threshold(), predictionName, scale)
                            .voxels();
                } else {
                    p = new byte[h * w];
                    cleaned.labels().readMask(z, p);
                }
                t = binaryLabels(labels.readSlice(z), options.labelValue());
            }
            byte[] excluded = ExclusionZone.ofSlice(t, h, w, options.exclusionZone());
            ConfusionMatrix c = new ConfusionMatrix(2);
            excludedTotal += c.add(t, p, excluded);
            total.add(c);
            slices.add(c);
            if (predObjects != null) {
                predObjects.add(p, 0);
            }
            if (truthObjects != null) {
                truthObjects.add(t, 0);
            }
            if (boundary != null) {
                boundary.add(p, t, h, w);
            }
        }
        ObjectMatching.Result objects = null;
        if (truthObjects != null) {
            RunLabels predicted = cleaned != null ? cleaned.labels() : predObjects.build(options.connectivity(), false);
            objects = ObjectMatching.match(predicted, truthObjects.build(options.connectivity(), false),
                    options.minIou());
        }
        List<ClassScores> classes = new ArrayList<>();
        for (int c = 0; c < total.classes(); c++) {
            classes.add(ClassScores.of(className(c, options), total.counts(c)));
        }
        // Per slice: every class of a class map; for a binary problem only the foreground (background mirrors it).
        List<List<ClassScores>> perSlice = new ArrayList<>(d);
        for (ConfusionMatrix c : slices) {
            List<ClassScores> row = new ArrayList<>();
            for (int k = options.multiclass() ? 0 : 1; k < total.classes(); k++) {
                row.add(ClassScores.of(className(k, options), c.counts(k)));
            }
            perSlice.add(row);
        }
        return new EvaluationReport(predictionName, labelsName, options, excludedTotal, classes, perSlice, objects,
                boundary == null ? null : boundary.result(), cleaned);
    }

    /** The thresholded prediction, post-processed and labelled in 3D, read slice by slice. */
    private static PostProcessing.Result postProcess(VolumeReader prediction, String predictionName,
            Thresholding.Scale scale, EvaluationOptions options) {
        VolumeInfo info = prediction.info();
        RunLabels.Builder runs = new RunLabels.Builder((int) info.height(), (int) info.width());
        for (int z = 0; z < info.depth(); z++) {
            runs.add(Thresholding.apply(prediction.readSlice(z), options.threshold(), predictionName, scale).voxels(),
                    0);
        }
        return runs.build(options.connectivity(), false, options.postProcessing());
    }

    private static String className(int c, EvaluationOptions options) {
        if (options.multiclass()) {
            return "class " + c;
        }
        return c == 0 ? "background" : "foreground";
    }

    /** A slice of integer classes 0..255 as bytes. */
    static byte[] classMap(Block slice, String source) {
        byte[] out = new byte[slice.size()];
        if (slice.type() == DataType.UINT8) {
            System.arraycopy(slice.bytes(), 0, out, 0, out.length);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            double v = slice.get(i);
            if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
                throw new VemsegException.InvalidInput(source + ": value " + v + " is not a class; class maps must "
                        + "hold integer classes 0-255");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Labels as 0/1: foreground where the value equals {@code labelValue}, or where non-zero if absent. */
    static byte[] binaryLabels(Block slice, OptionalInt labelValue) {
        byte[] out = new byte[slice.size()];
        if (labelValue.isPresent()) {
            double v = labelValue.getAsInt();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (slice.get(i) == v ? 1 : 0);
            }
        } else if (slice.type() == DataType.UINT8 || slice.type() == DataType.INT8) {
            byte[] b = slice.bytes();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (b[i] != 0 ? 1 : 0);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (slice.get(i) != 0 ? 1 : 0);
            }
        }
        return out;
    }
}
