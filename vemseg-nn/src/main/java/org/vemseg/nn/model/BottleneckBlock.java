package org.vemseg.nn.model;

import ai.djl.nn.SequentialBlock;

/**
 * The ResNet-50 bottleneck block: 1×1 reduction to {@code planes}, 3×3, 1×1 expansion to
 * {@code planes × }{@link #EXPANSION}, batch norm after each, plus the shortcut of {@link ResidualBlock}. The
 * stride sits on the 3×3 as in torchvision's ResNet v1.5 (v1 strided the first 1×1, which skips three quarters
 * of its input).
 */
final class BottleneckBlock extends ResidualBlock {

    /** Output channels relative to {@code planes}. */
    static final int EXPANSION = 4;

    BottleneckBlock(int inChannels, int planes, int stride) {
        super(new SequentialBlock().add(Layers.convBnRelu(planes, 1, 1)).add(Layers.convBnRelu(planes, 3, stride))
                .add(Layers.conv(planes * EXPANSION, 1, 1, 1, false)).add(Layers.bn()),
                inChannels, planes * EXPANSION, stride);
    }
}
