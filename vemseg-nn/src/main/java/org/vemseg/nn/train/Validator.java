package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.data.Patch;
import org.vemseg.nn.data.PatchSampler;

/**
 * Scores a network on a validation volume: every slice's central crop (the largest square up to
 * {@link #MAX_CROP} px that is a multiple of the architecture's input size) is predicted in one forward pass,
 * arg-max over classes, and compared with the labels. Central crops keep validation cheap on a CPU; border
 * effects of full-slice tiling are left to the prediction code.
 */
public final class Validator {

    public static final int MAX_CROP = 512;

    private final LabelledVolume volume;
    private final PatchSampler sampler;
    private final int crop;
    private final int classes;

    public Validator(LabelledVolume volume, Normalisation norm, int frames, int multiple, int classes) {
        this.volume = volume;
        int side = Math.min(MAX_CROP, Math.min(volume.height(), volume.width()));
        this.crop = side / multiple * multiple;
        if (crop == 0) {
            throw new IllegalArgumentException("validation slices " + volume.height() + "×" + volume.width()
                    + " are smaller than " + multiple + " px");
        }
        this.sampler = new PatchSampler(volume, norm, frames, crop);
        this.classes = classes;
    }

    public SegmentationMetrics score(Block net, NDManager parent) {
        SegmentationMetrics metrics = new SegmentationMetrics(classes);
        int y0 = (volume.height() - crop) / 2;
        int x0 = (volume.width() - crop) / 2;
        for (int z = 0; z < volume.depth(); z++) {
            Patch p = sampler.extract(z, y0, x0);
            try (NDManager m = parent.newSubManager()) {
                NDArray x = m.create(p.image(), new Shape(1, p.frames(), crop, crop));
                NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                int[] pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                metrics.add(p.labels(), pred);
            }
        }
        return metrics;
    }
}
