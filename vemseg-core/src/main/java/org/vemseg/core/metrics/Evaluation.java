package org.vemseg.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.objects.ConnectedComponents;
import org.vemseg.core.objects.LabelVolume;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Scores a prediction against labels: voxel counts and scores per class, per slice and for the volume (with
 * an optional exclusion zone), and optionally object-level matching and boundary measures.
 *
 * <p>Voxel scores stream slice by slice; object matching and the boundary measures need the two binary
 * volumes in memory (one byte per voxel each) and the label volumes of their components.
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
        int plane = h * w;
        if ((options.objects() || options.boundary()) && pi.voxels() > Block.MAX_VOXELS) {
            throw new VemsegException.InvalidInput(predictionName + ": object and boundary scores need the volume "
                    + "in memory; " + pi.voxels() + " voxels is more than " + Block.MAX_VOXELS);
        }
        Thresholding.Scale scale = Thresholding.Scale.detect(prediction);
        byte[] predAll = options.objects() ? new byte[(int) pi.voxels()] : null;
        byte[] truthAll = options.objects() ? new byte[(int) pi.voxels()] : null;
        BoundaryScores.Accumulator boundary = options.boundary() ? new BoundaryScores.Accumulator() : null;
        List<ClassScores> slices = new ArrayList<>(d);
        ConfusionCounts total = ConfusionCounts.ZERO;
        long excludedTotal = 0;
        for (int z = 0; z < d; z++) {
            byte[] p = Thresholding.apply(prediction.readSlice(z), options.threshold(), predictionName, scale)
                    .voxels();
            byte[] t = binaryLabels(labels.readSlice(z), options.labelValue());
            byte[] excluded = ExclusionZone.ofSlice(t, h, w, options.exclusionZone());
            long tp = 0;
            long fp = 0;
            long fn = 0;
            long tn = 0;
            for (int i = 0; i < plane; i++) {
                if (excluded != null && excluded[i] != 0) {
                    excludedTotal++;
                    continue;
                }
                int code = p[i] << 1 | t[i];
                switch (code) {
                    case 3 -> tp++;
                    case 2 -> fp++;
                    case 1 -> fn++;
                    default -> tn++;
                }
            }
            ConfusionCounts c = new ConfusionCounts(tp, fp, fn, tn);
            total = total.plus(c);
            slices.add(ClassScores.of("slice " + z, c));
            if (predAll != null) {
                System.arraycopy(p, 0, predAll, z * plane, plane);
                System.arraycopy(t, 0, truthAll, z * plane, plane);
            }
            if (boundary != null) {
                boundary.add(p, t, h, w);
            }
        }
        ObjectMatching.Result objects = null;
        if (predAll != null) {
            LabelVolume po = ConnectedComponents.label(new Mask(d, h, w, predAll), options.connectivity());
            LabelVolume to = ConnectedComponents.label(new Mask(d, h, w, truthAll), options.connectivity());
            objects = ObjectMatching.match(po, to, options.minIou());
        }
        List<ClassScores> classes = List.of(ClassScores.of("background", total.complement()),
                ClassScores.of("foreground", total));
        return new EvaluationReport(predictionName, labelsName, options, excludedTotal, classes, slices, objects,
                boundary == null ? null : boundary.result());
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
