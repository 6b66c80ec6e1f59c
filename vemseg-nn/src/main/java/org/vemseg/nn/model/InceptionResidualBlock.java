package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * Residual inception block of Inception-ResNet-v2 as used by DeepEM3D. Type A (fine strides): branches 1×1,
 * 1×1→3×3, 1×1→3×3→3×3. Type B (coarse strides): branches 1×1, 1×1→1×7→7×1. The concatenated branches are
 * projected back to the input channels by a linear 1×1 conv, scaled by 0.2 (as in Inception-ResNet, for
 * stable training) and added to the input, then ReLU.
 */
final class InceptionResidualBlock extends GraphBlock {

    private static final float RESIDUAL_SCALE = 0.2f;

    private final Block[] branches;
    private final Block project;

    private InceptionResidualBlock(int channels, Block... branches) {
        this.branches = new Block[branches.length];
        for (int i = 0; i < branches.length; i++) {
            this.branches[i] = addChildBlock("branch" + i, branches[i]);
        }
        project = addChildBlock("project", Layers.conv(channels, 1, 1, 1, true));
    }

    static InceptionResidualBlock typeA(int channels, double width) {
        int c32 = Layers.scaled(32, width);
        return new InceptionResidualBlock(channels,
                Layers.convBnRelu(c32, 1, 1),
                new SequentialBlock().add(Layers.convBnRelu(c32, 1, 1)).add(Layers.convBnRelu(c32, 3, 1)),
                new SequentialBlock().add(Layers.convBnRelu(c32, 1, 1))
                        .add(Layers.convBnRelu(Layers.scaled(48, width), 3, 1))
                        .add(Layers.convBnRelu(Layers.scaled(64, width), 3, 1)));
    }

    static InceptionResidualBlock typeB(int channels, double width) {
        return new InceptionResidualBlock(channels,
                Layers.convBnRelu(Layers.scaled(192, width), 1, 1),
                new SequentialBlock().add(Layers.convBnRelu(Layers.scaled(128, width), 1, 1))
                        .add(Layers.convBnReluRect(Layers.scaled(160, width), 1, 7))
                        .add(Layers.convBnReluRect(Layers.scaled(192, width), 7, 1)));
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = inputs.singletonOrThrow();
        NDList outs = new NDList();
        for (Block b : branches) {
            outs.add(run(b, ps, x, training));
        }
        NDArray mixed = run(project, ps, ai.djl.ndarray.NDArrays.concat(outs, 1), training);
        return new NDList(Activation.relu(x.add(mixed.mul(RESIDUAL_SCALE))));
    }
}
