package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.data.Patch;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.model.Downsampling;

/**
 * Scores a network on a validation volume: every slice's central crop (the largest square up to
 * {@link #MAX_CROP} network pixels that is a multiple of the architecture's input size) is predicted in one forward
 * pass, arg-max over classes, and compared with the labels. A network trained on downsampled slices is scored
 * as it predicts: on the full-resolution crop through {@link Downsampling}, against full-resolution labels.
 * Central crops keep validation cheap on a CPU; border effects of full-slice tiling are left to the prediction
 * code.
 */
public final class Validator {

    public static final int MAX_CROP = 512;

    private final LabelledVolume volume;
    private final PatchSampler sampler;
    private final int crop;
    private final int classes;
    private final int downsample;

    /**
     * @param multiple   the architecture's input multiple (at the network's resolution)
     * @param downsample the in-plane factor the network sees slices at
     */
    public Validator(LabelledVolume volume, Normalisation norm, int frames, int multiple, int classes,
            int downsample) {
        this.volume = volume;
        int step = multiple * downsample;
        int side = Math.min(MAX_CROP * downsample, Math.min(volume.height(), volume.width()));
        this.crop = side / step * step;
        if (crop == 0) {
            throw new IllegalArgumentException("validation slices " + volume.height() + "×" + volume.width()
                    + " are smaller than " + step + " px");
        }
        this.sampler = new PatchSampler(volume, norm, frames, crop);
        this.classes = classes;
        this.downsample = downsample;
    }

    public SegmentationMetrics score(Block net, NDManager parent) {
        SegmentationMetrics metrics = new SegmentationMetrics(classes);
        for (int z = 0; z < volume.depth(); z++) {
            Patch p = crop(z);
            try (NDManager m = parent.newSubManager()) {
                int[] pred = logits(net, m, p).argMax(1).toType(DataType.INT32, false).toIntArray();
                metrics.add(p.labels(), pred);
            }
        }
        return metrics;
    }

    /** Slices scored. */
    public int slices() {
        return volume.depth();
    }

    /** The labels of slice {@code z}'s central crop (class indices or {@code LabelMapping.IGNORE}). */
    public byte[] labels(int z) {
        return crop(z).labels();
    }

    /**
     * The network's probability (softmax over classes) of class {@code k} at every pixel of slice {@code z}'s
     * central crop, as prediction computes it.
     */
    public float[] probability(Block net, NDManager parent, int z, int k) {
        try (NDManager m = parent.newSubManager()) {
            return logits(net, m, crop(z)).softmax(1).get(":, " + k).toFloatArray();
        }
    }

    private Patch crop(int z) {
        return sampler.extract(z, (volume.height() - crop) / 2, (volume.width() - crop) / 2);
    }

    private NDArray logits(Block net, NDManager m, Patch p) {
        NDArray x = m.create(p.image(), new Shape(1, p.frames(), crop, crop));
        return Downsampling.forward(net, new ParameterStore(m, false), x, downsample, false);
    }
}
