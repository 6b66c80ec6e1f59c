package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;

/**
 * ResNet-18 encoder (basic blocks 2-2-2-2) over NCHW input whose channels are the z frames. Returns five
 * feature maps for the U-Net skips, at strides 2 (stem), 4, 8, 16 and 32, with {@code base}, base, 2 base,
 * 4 base and 8 base channels ({@code base} = 64 in the published ResNet).
 *
 * <p>Child names ({@code stem}, {@code layer1} … {@code layer4}) are stable, so encoder weights saved with
 * {@link #saveParameters} (e.g. from self-supervised pre-training) load into any ResUNet of the same base
 * width and frame count.
 */
public final class ResNetEncoder extends GraphBlock {

    private final Block stem;
    private final Block pool;
    private final Block[] layers = new Block[4];
    private final int base;

    public ResNetEncoder(int base) {
        this.base = base;
        stem = addChildBlock("stem", Layers.convBnRelu(base, 7, 2));
        pool = addChildBlock("pool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = base;
        for (int i = 0; i < 4; i++) {
            int filters = base << i;
            SequentialBlock layer = new SequentialBlock();
            layer.add(new BasicResidualBlock(in, filters, i == 0 ? 1 : 2));
            layer.add(new BasicResidualBlock(filters, filters, 1));
            layers[i] = addChildBlock("layer" + (i + 1), layer);
            in = filters;
        }
    }

    /** Channels of the five outputs, finest first. */
    public int[] channels() {
        return new int[] {base, base, 2 * base, 4 * base, 8 * base};
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray s = run(stem, ps, inputs.singletonOrThrow(), training);
        NDList out = new NDList(s);
        NDArray x = run(pool, ps, s, training);
        for (Block layer : layers) {
            x = run(layer, ps, x, training);
            out.add(x);
        }
        return out;
    }
}
