package org.vemseg.nn.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.train.SegmentationMetrics;

/**
 * Scores a 1-frame network on whole held-out slices: each slice, padded by edge replication to a multiple of the
 * architecture's input size, is predicted in one forward pass (arg-max over classes) and compared with its labels
 * over the original extent. Unlike the training-time Validator (central crops), every labelled pixel counts.
 */
public final class SliceEvaluator {

    private SliceEvaluator() {
    }

    public static SegmentationMetrics score(Block net, Normalisation norm, LabelledVolume v, int multiple,
            NDManager parent) {
        SegmentationMetrics metrics = new SegmentationMetrics(2);
        int h = v.height();
        int w = v.width();
        int ph = (h + multiple - 1) / multiple * multiple;
        int pw = (w + multiple - 1) / multiple * multiple;
        float[] img = v.images();
        byte[] lab = v.labels();
        for (int z = 0; z < v.depth(); z++) {
            float[] x = new float[ph * pw];
            long o = (long) z * h * w;
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1);
                for (int xx = 0; xx < pw; xx++) {
                    x[y * pw + xx] = norm.apply(img[(int) (o + (long) sy * w + Math.min(xx, w - 1))]);
                }
            }
            int[] pred;
            try (NDManager m = parent.newSubManager()) {
                NDArray logits = net.forward(new ParameterStore(m, false),
                        new NDList(m.create(x, new Shape(1, 1, ph, pw))), false).singletonOrThrow();
                pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
            }
            int[] cropped = new int[h * w];
            byte[] truth = new byte[h * w];
            for (int y = 0; y < h; y++) {
                System.arraycopy(pred, y * pw, cropped, y * w, w);
            }
            System.arraycopy(lab, (int) o, truth, 0, h * w);
            metrics.add(truth, cropped);
        }
        return metrics;
    }
}
