package org.vemseg.nn.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.vemseg.nn.model.GraphBlock;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.model.ResNetEncoder;

/**
 * One MoCo encoder: the ResUNet's ResNet-18 or ResNet-50 encoder, global average pooling of its coarsest feature
 * map, and the MoCo v2 projection head (fc – ReLU – fc), whose input is the encoder's last channel count (8 × base
 * for ResNet-18, 32 × base for ResNet-50; the first fc infers it when initialised). Input N×1×H×W, output
 * N×{@link #EMBEDDING} (not normalised).
 * Only the encoder is kept after pre-training; it is the same class, with the same parameter names, as the
 * encoder inside {@link org.vemseg.nn.model.ResUNet}.
 */
public final class MocoNetwork extends GraphBlock {

    /** Size of the embedding the contrastive loss compares (MoCo: 128). */
    public static final int EMBEDDING = 128;
    /** Hidden units of the projection head at width 1 (MoCo v2: 2048). */
    public static final int HIDDEN_AT_WIDTH_1 = 2048;

    private final ResNetEncoder encoder;
    private final Block head;

    /**
     * @param base channels of the ResNet stem (64 × width)
     * @param hidden hidden units of the projection head (2048 × width)
     */
    public MocoNetwork(ResNetDepth depth, int base, int hidden) {
        encoder = addChildBlock("encoder", new ResNetEncoder(depth, base));
        head = addChildBlock("head", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(EMBEDDING).build()));
    }

    public ResNetEncoder encoder() {
        return encoder;
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDList features = runList(encoder, ps, inputs, training);
        NDArray pooled = features.get(features.size() - 1).mean(new int[] {3}).mean(new int[] {2});
        return new NDList(run(head, ps, pooled, training));
    }
}
