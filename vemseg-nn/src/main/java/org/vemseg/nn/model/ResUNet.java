package org.vemseg.nn.model;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * 2D U-Net with a ResNet-18 or ResNet-50 encoder (the CEM500K fine-tuning network has ResNet-50; ResNet-18 is
 * the default because it trains faster on a CPU). Input N×frames×H×W with H, W multiples of 32; output
 * N×classes×H×W logits.
 */
public final class ResUNet extends GraphBlock {

    private final ResNetEncoder encoder;
    private final UNetDecoder decoder;

    /** @param base channels of the stem; 64 × width */
    public ResUNet(ResNetDepth depth, int base, int classes) {
        encoder = addChildBlock("encoder", new ResNetEncoder(depth, base));
        decoder = addChildBlock("decoder", new UNetDecoder(encoder.planes(), classes));
    }

    /** The encoder, whose parameters can be saved and loaded on their own. */
    public ResNetEncoder encoder() {
        return encoder;
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        return runList(decoder, ps, runList(encoder, ps, inputs, training), training);
    }
}
