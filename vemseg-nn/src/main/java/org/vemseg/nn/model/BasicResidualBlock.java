package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * The ResNet-18/34 "basic block": two 3×3 convolutions with batch norm, plus an identity shortcut, or a
 * strided 1×1 projection when the stride or the channel count changes.
 */
final class BasicResidualBlock extends GraphBlock {

    private final Block body;
    private final Block shortcut;

    BasicResidualBlock(int inChannels, int filters, int stride) {
        body = addChildBlock("body", new SequentialBlock().add(Layers.conv(filters, 3, stride, 1, false))
                .add(Layers.bn()).add(ai.djl.nn.Activation.reluBlock())
                .add(Layers.conv(filters, 3, 1, 1, false)).add(Layers.bn()));
        shortcut = stride != 1 || inChannels != filters
                ? addChildBlock("shortcut", new SequentialBlock().add(Layers.conv(filters, 1, stride, 1, false))
                        .add(Layers.bn()))
                : null;
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = run(body, ps, x, training);
        NDArray s = shortcut == null ? x : run(shortcut, ps, x, training);
        return new NDList(y.add(s).maximum(0f));
    }
}
