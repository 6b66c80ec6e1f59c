package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;

/**
 * ResNet-18 (basic blocks 2-2-2-2) or ResNet-50 (bottleneck blocks 3-4-6-3) encoder over NCHW input whose
 * channels are the z frames: a 7×7/2 stem, a 3×3/2 max pool, then four stages, each but the first starting with
 * a stride-2 block. Returns five feature maps for the U-Net skips, at strides 2 (stem), 4, 8, 16 and 32, with
 * {@link #channels()} channels: {@code base}, then {@code base, 2 base, 4 base, 8 base} times the depth's
 * expansion (1 for ResNet-18, 4 for ResNet-50); {@code base} = 64 in the published ResNets.
 *
 * <p>Child names ({@code stem}, {@code layer1} … {@code layer4}) are stable, so encoder weights saved with
 * {@link #saveParameters} (e.g. from self-supervised pre-training) load into any ResUNet of the same depth,
 * base width and frame count.
 */
public final class ResNetEncoder extends GraphBlock {

    private final ResNetDepth depth;
    private final Block stem;
    private final Block pool;
    private final Block[] layers = new Block[4];
    private final int base;

    public ResNetEncoder(ResNetDepth depth, int base) {
        this.depth = depth;
        this.base = base;
        stem = addChildBlock("stem", Layers.convBnRelu(base, 7, 2));
        pool = addChildBlock("pool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = base;
        for (int i = 0; i < 4; i++) {
            int planes = base << i;
            SequentialBlock layer = new SequentialBlock();
            for (int b = 0; b < depth.blocks(i); b++) {
                layer.add(depth.block(in, planes, b == 0 && i > 0 ? 2 : 1));
                in = planes * depth.expansion();
            }
            layers[i] = addChildBlock("layer" + (i + 1), layer);
        }
    }

    public ResNetDepth depth() {
        return depth;
    }

    /** Channels of the five outputs, finest first. */
    public int[] channels() {
        int e = depth.expansion();
        return new int[] {base, e * base, e * 2 * base, e * 4 * base, e * 8 * base};
    }

    /**
     * Width of the 3×3 convolutions that made each output, finest first: {@link #channels()} without the
     * bottleneck's expansion, the same for both depths at the same base.
     */
    public int[] planes() {
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
