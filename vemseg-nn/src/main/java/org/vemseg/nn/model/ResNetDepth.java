package org.vemseg.nn.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ResNet encoders a {@link ResNetEncoder} can be: residual blocks per stage and the kind of block. The id is
 * the vocabulary of {@code vemseg pretrain --arch} and of the encoder weights header; each depth is the encoder
 * of one {@link Architecture} ({@code resnet18} of {@code resunet}, {@code resnet50} of {@code resunet50}).
 */
public enum ResNetDepth {
    /** Basic blocks 2-2-2-2. */
    RESNET18("resnet18", new int[] {2, 2, 2, 2}, 1),
    /** Bottleneck blocks 3-4-6-3, four times as many channels out of each stage as in. */
    RESNET50("resnet50", new int[] {3, 4, 6, 3}, BottleneckBlock.EXPANSION);

    private final String id;
    private final int[] blocks;
    private final int expansion;

    ResNetDepth(String id, int[] blocks, int expansion) {
        this.id = id;
        this.blocks = blocks;
        this.expansion = expansion;
    }

    public String id() {
        return id;
    }

    /** Residual blocks in stage {@code stage} (0 … 3). */
    int blocks(int stage) {
        return blocks[stage];
    }

    /** Output channels of a stage divided by the width of its 3×3 convolutions. */
    int expansion() {
        return expansion;
    }

    /** One residual block whose 3×3 convolutions have {@code planes} channels. */
    ResidualBlock block(int inChannels, int planes, int stride) {
        return expansion == 1 ? new BasicResidualBlock(inChannels, planes, stride)
                : new BottleneckBlock(inChannels, planes, stride);
    }

    /** The architecture whose encoder this is. */
    public Architecture architecture() {
        for (Architecture a : Architecture.values()) {
            if (a.encoder().orElse(null) == this) {
                return a;
            }
        }
        throw new IllegalStateException("no architecture uses " + id);
    }

    /**
     * Parses {@code resnet18} or {@code resnet50}; throws naming the valid values, and for a network id
     * ({@code resunet50}) the encoder it means.
     */
    public static ResNetDepth fromString(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (ResNetDepth d : values()) {
            if (d.id.equals(lower)) {
                return d;
            }
        }
        String valid = Arrays.stream(values()).map(ResNetDepth::id).collect(Collectors.joining(", "));
        for (Architecture a : Architecture.values()) {
            if (a.id().equals(lower) && a.encoder().isPresent()) {
                throw new IllegalArgumentException("'" + s + "' is a network, not an encoder: its encoder is "
                        + a.encoder().get() + " (valid: " + valid + ")");
            }
        }
        throw new IllegalArgumentException("unknown encoder '" + s + "'; valid: " + valid);
    }

    @Override
    public String toString() {
        return id;
    }
}
