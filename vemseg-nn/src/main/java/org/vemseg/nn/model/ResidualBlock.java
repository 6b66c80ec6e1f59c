package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * A ResNet residual unit, ReLU(body(x) + shortcut(x)): the shortcut is the identity, or a strided 1×1
 * projection with batch norm when the stride or the channel count changes. Subclasses only build the body
 * ({@link BasicResidualBlock} for ResNet-18, {@link BottleneckBlock} for ResNet-50).
 */
abstract class ResidualBlock extends GraphBlock {

    private final Block body;
    private final Block shortcut;

    ResidualBlock(SequentialBlock body, int inChannels, int outChannels, int stride) {
        this.body = addChildBlock("body", body);
        shortcut = stride != 1 || inChannels != outChannels
                ? addChildBlock("shortcut", new SequentialBlock().add(Layers.conv(outChannels, 1, stride, 1, false))
                        .add(Layers.bn()))
                : null;
    }

    @Override
    protected final NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = run(body, ps, x, training);
        NDArray s = shortcut == null ? x : run(shortcut, ps, x, training);
        return new NDList(Activation.relu(y.add(s)));
    }
}
