package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * The DeepEM3D layout of CDeep3M (Zeng et al. 2017), channel counts × {@code width} (1 = published size).
 *
 * <ol>
 * <li>Frame fusion: the F input z-frames are collapsed to 2D by one 3×3 convolution over the frames. This is
 * exactly a 3D convolution with kernel F×3×3 and no z padding (its output depth is 1), written as a 2D
 * convolution with the frames as input channels.</li>
 * <li>Stem (Inception-ResNet style): 3×3 convs 32, 64, then a pool‖conv reduction to stride 2.</li>
 * <li>Residual inception blocks A (strides 2, 4) and B (strides 8, 16), separated by pool‖conv reductions:
 * stride 16 overall.</li>
 * <li>One side output after each stage: a transposed convolution enlarges it ×2, ×4, ×8 or ×16 back to the
 * input size (implemented as the equivalent sub-pixel convolution, see {@link SubPixelUpsample}), then four
 * parallel dilated 3×3 convolutions (dilation 5, 11, 17, 23) map it to class logits.</li>
 * <li>All side-output logits are summed; softmax over classes is applied at inference, not here.</li>
 * </ol>
 * Input N×F×H×W with H, W multiples of 16; output N×classes×H×W logits.
 */
public final class DeepEm3d extends GraphBlock {

    static final int[] DILATIONS = {5, 11, 17, 23};

    private final Block stem;
    private final Block[] stages = new Block[4];
    private final Block[] sides = new Block[4];
    private final Block[][] dilated = new Block[4][DILATIONS.length];

    public DeepEm3d(double width, int classes) {
        stem = addChildBlock("stem", new SequentialBlock()
                .add(Layers.convBnRelu(Layers.scaled(32, width), 3, 1))
                .add(Layers.convBnRelu(Layers.scaled(32, width), 3, 1))
                .add(Layers.convBnRelu(Layers.scaled(64, width), 3, 1)));
        int channels = Layers.scaled(64, width);
        int[] reductionFilters = {96, 128, 192, 256};
        int sideChannels = Layers.scaled(16, width);
        for (int s = 0; s < 4; s++) {
            int filters = Layers.scaled(reductionFilters[s], width);
            SequentialBlock stage = new SequentialBlock().add(new Reduction(filters));
            channels += filters;
            for (int r = 0; r < 2; r++) {
                stage.add(s < 2 ? InceptionResidualBlock.typeA(channels, width)
                        : InceptionResidualBlock.typeB(channels, width));
            }
            stages[s] = addChildBlock("stage" + (s + 1), stage);
            sides[s] = addChildBlock("side" + (s + 1), new SubPixelUpsample(sideChannels, 2 << s));
            for (int d = 0; d < DILATIONS.length; d++) {
                dilated[s][d] = addChildBlock("side" + (s + 1) + "dil" + DILATIONS[d],
                        Layers.conv(classes, 3, 1, DILATIONS[d], true));
            }
        }
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = run(stem, ps, inputs.singletonOrThrow(), training);
        NDArray sum = null;
        for (int s = 0; s < 4; s++) {
            x = run(stages[s], ps, x, training);
            NDArray side = run(sides[s], ps, x, training);
            for (Block d : dilated[s]) {
                NDArray logits = run(d, ps, side, training);
                sum = sum == null ? logits : sum.add(logits);
            }
        }
        return new NDList(sum);
    }
}
