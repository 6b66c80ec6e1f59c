package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Light U-Net decoder: from the coarsest feature map, repeatedly enlarge ×2 (nearest neighbour), concatenate
 * the encoder feature map of that stride, and apply one 3×3 conv + BN + ReLU; a last ×2 step reaches the
 * input resolution, and a 1×1 convolution gives the class logits.
 */
final class UNetDecoder extends GraphBlock {

    private final Block[] stages;
    private final Block last;
    private final Block head;

    UNetDecoder(int[] encoderChannels, int classes) {
        int n = encoderChannels.length;
        stages = new Block[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            stages[i] = addChildBlock("up" + i, Layers.convBnRelu(Math.max(8, encoderChannels[i]), 3, 1));
        }
        int c = Math.max(8, encoderChannels[0] / 2);
        last = addChildBlock("upFull", Layers.convBnRelu(c, 3, 1));
        head = addChildBlock("head", Layers.conv(classes, 1, 1, 1, true));
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList features, boolean training) {
        NDArray x = features.get(features.size() - 1);
        for (int i = features.size() - 2; i >= 0; i--) {
            x = Layers.upsample2x(x).concat(features.get(i), 1);
            x = run(stages[i], ps, x, training);
        }
        x = run(last, ps, Layers.upsample2x(x), training);
        return new NDList(run(head, ps, x, training));
    }
}
