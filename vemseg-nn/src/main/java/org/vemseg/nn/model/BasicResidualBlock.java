package org.vemseg.nn.model;

/**
 * The ResNet-18/34 "basic block": two 3×3 convolutions with batch norm, the first strided, plus the shortcut of
 * {@link ResidualBlock}.
 */
final class BasicResidualBlock extends ResidualBlock {

    BasicResidualBlock(int inChannels, int filters, int stride) {
        super(Layers.convBnRelu(filters, 3, stride).add(Layers.conv(filters, 3, 1, 1, false)).add(Layers.bn()),
                inChannels, filters, stride);
    }
}
