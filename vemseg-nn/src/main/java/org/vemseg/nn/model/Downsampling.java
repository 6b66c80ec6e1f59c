package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Runs a network on slices seen at a coarser in-plane resolution: the input is averaged over
 * {@code factor × factor} pixels, the network predicts at that scale, and its logits are enlarged back to the
 * input's size by bilinear interpolation. At factor 2 the network costs a quarter and each patch spans twice the
 * context; mitochondria, nuclei and cell bodies in vEM at 5–10 nm pixels remain many pixels wide. z is never
 * resampled (frames are sections).
 *
 * <p>Training resamples its volume once in the same way ({@code LabelledVolume.downsampled}); validation and
 * prediction go through {@link #forward}, so they score and write at the input's full resolution.
 */
public final class Downsampling {

    /** DJL's interpolation mode numbers (PtNDArrayEx): 1 = bilinear, 2 = area (the mean over each block). */
    private static final int BILINEAR = 1;
    private static final int AREA = 2;

    private Downsampling() {
    }

    /**
     * Logits of {@code net} for {@code x} (N×F×H×W, H and W multiples of {@code factor}), computed at
     * 1/{@code factor} of the resolution and returned at H×W. Factor 1 is a plain forward pass.
     */
    public static NDArray forward(Block net, ParameterStore ps, NDArray x, int factor, boolean training) {
        if (factor == 1) {
            return net.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        long[] s = x.getShape().getShape();
        if (s[2] % factor != 0 || s[3] % factor != 0) {
            throw new IllegalArgumentException("input " + s[2] + "×" + s[3] + " is not a multiple of the "
                    + "downsampling factor " + factor);
        }
        NDArray small = x.getNDArrayInternal().interpolation(new long[] {s[2] / factor, s[3] / factor}, AREA, false);
        NDArray logits = net.forward(ps, new NDList(small), training).singletonOrThrow();
        return logits.getNDArrayInternal().interpolation(new long[] {s[2], s[3]}, BILINEAR, false);
    }
}
