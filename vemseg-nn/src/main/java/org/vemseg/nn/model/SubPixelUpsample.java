package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Learned ×f enlargement standing in for a transposed convolution, which DJL's PyTorch engine does not
 * implement ({@code PtNDArrayEx.deconvolution} throws "Not implemented" in DJL 0.35). A 3×3 convolution to
 * {@code filters × f²} channels followed by a pixel shuffle (depth-to-space) is exactly a transposed
 * convolution with kernel 3f and stride f (Shi et al. 2016, "sub-pixel convolution"); output N×filters×fH×fW.
 */
final class SubPixelUpsample extends GraphBlock {

    private final Block conv;
    private final int filters;
    private final int factor;

    SubPixelUpsample(int filters, int factor) {
        this.filters = filters;
        this.factor = factor;
        conv = addChildBlock("conv", Layers.conv(filters * factor * factor, 3, 1, 1, true));
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = run(conv, ps, inputs.singletonOrThrow(), training);
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray y = x.reshape(n, filters, factor, factor, h, w).transpose(0, 1, 4, 2, 5, 3)
                .reshape(n, filters, h * factor, w * factor);
        return new NDList(y);
    }
}
