package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Factory helpers for the small building blocks both networks share. */
final class Layers {

    private Layers() {
    }

    /** A k×k convolution, "same" padding for odd k and the given dilation. */
    static Block conv(int filters, int kernel, int stride, int dilation, boolean bias) {
        int pad = dilation * (kernel - 1) / 2;
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation)).optBias(bias).build();
    }

    /** A kh×kw convolution with "same" padding (for the factorised 1×7 / 7×1 convolutions). */
    static Block conv(int filters, int kh, int kw) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kh, kw))
                .optPadding(new Shape((kh - 1) / 2, (kw - 1) / 2)).optBias(false).build();
    }

    /** Convolution (no bias: batch norm follows), batch norm, ReLU. */
    static SequentialBlock convBnRelu(int filters, int kernel, int stride) {
        return new SequentialBlock().add(conv(filters, kernel, stride, 1, false)).add(bn())
                .add(Activation.reluBlock());
    }

    /** Factorised kh×kw convolution, batch norm, ReLU. */
    static SequentialBlock convBnReluRect(int filters, int kh, int kw) {
        return new SequentialBlock().add(conv(filters, kh, kw)).add(bn()).add(Activation.reluBlock());
    }

    static Block bn() {
        return BatchNorm.builder().optMomentum(NetworkSpec.BATCH_NORM_MOMENTUM).build();
    }

    /**
     * Nearest-neighbour ×2 enlargement of an NCHW array (differentiable). Uses the engine's interpolation
     * (torch nearest upsampling) rather than two repeats: the same values, but its backward pass is a
     * cheap 2×2 sum where repeat's is an indexed scatter, which profiling showed among the hot spots.
     */
    static NDArray upsample2x(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s[2] * 2, s[3] * 2}, 0, false);
    }

    /** Channels scaled by the width multiplier, at least 4. */
    static int scaled(int published, double width) {
        return Math.max(4, (int) Math.round(published * width));
    }
}
