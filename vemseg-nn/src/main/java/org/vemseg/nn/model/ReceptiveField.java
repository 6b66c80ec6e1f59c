package org.vemseg.nn.model;

/**
 * The theoretical receptive field of a network, walked along its longest input-to-output path: a {@code k x k}
 * convolution with dilation {@code d} at cumulative stride {@code j} widens the field by {@code (k - 1) d j};
 * nearest-neighbour and sub-pixel upsampling widen it by nothing (each output pixel reads one input pixel) and divide
 * the cumulative stride. The field is symmetric, so a halo of {@link #halfWidth()} covers it. The walk of each
 * {@link Architecture} follows its layers (ResNetEncoder and UNetDecoder, DeepEm3d) and does not depend on the width
 * multiplier; bench/halo/rf.py computes the same figures.
 *
 * <p>A mutable builder, used once per computation; not thread-safe.
 */
final class ReceptiveField {

    private int field = 1;
    private int jump = 1;

    ReceptiveField() {
    }

    private ReceptiveField(int field, int jump) {
        this.field = field;
        this.jump = jump;
    }

    /** {@code n} convolutions of {@code k x k}, each with stride {@code stride} and dilation {@code dilation}. */
    ReceptiveField conv(int k, int stride, int dilation, int n) {
        for (int i = 0; i < n; i++) {
            field += (k - 1) * dilation * jump;
            jump *= stride;
        }
        return this;
    }

    /** One {@code k x k} convolution of stride {@code stride}. */
    ReceptiveField conv(int k, int stride) {
        return conv(k, stride, 1, 1);
    }

    /** Upsampling by {@code factor} (nearest neighbour or pixel shuffle). */
    ReceptiveField up(int factor) {
        jump /= factor;
        return this;
    }

    ReceptiveField copy() {
        return new ReceptiveField(field, jump);
    }

    /** Width of the field in input pixels. */
    int field() {
        return field;
    }

    /** Input pixels on each side of an output pixel that can change it: {@code (field - 1) / 2}. */
    int halfWidth() {
        return (field - 1) / 2;
    }

    /**
     * A ResNet U-Net: 7×7/2 stem, 3×3/2 max pool, the encoder's blocks (each contributing its 3×3 convolutions, the
     * first of a stage from the second on with stride 2; a bottleneck block has one 3×3 between its 1×1s), then one
     * 3×3 per decoder level after each ×2 upsampling, and the 1×1 head.
     */
    static ReceptiveField resUNet(ResNetDepth depth) {
        ReceptiveField p = new ReceptiveField().conv(7, 2).conv(3, 2);
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < depth.blocks(stage); b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                p.conv(3, stride);
                if (depth.expansion() == 1) {
                    p.conv(3, 1);
                }
            }
        }
        for (int level = 0; level < 5; level++) {
            p.up(2).conv(3, 1);
        }
        return p;
    }

    /**
     * DeepEM3D: three 3×3 stem convolutions, four pool‖conv 3×3/2 reductions, each followed by two residual inception
     * blocks (type A's deepest branch two 3×3s, type B's 1×7 then 7×1, a 7×7 field); each side output is a 3×3
     * sub-pixel convolution shuffled to full resolution and the widest dilated 3×3 (dilation 23). The field is the
     * widest side output's.
     */
    static ReceptiveField deepEm3d() {
        ReceptiveField p = new ReceptiveField().conv(3, 1, 1, 3);
        ReceptiveField widest = p.copy();
        for (int s = 0; s < 4; s++) {
            p.conv(3, 2);
            for (int block = 0; block < 2; block++) {
                if (s < 2) {
                    p.conv(3, 1, 1, 2);
                } else {
                    p.conv(7, 1);
                }
            }
            ReceptiveField side = p.copy().conv(3, 1).up(2 << s).conv(3, 1, 23, 1);
            if (side.field > widest.field) {
                widest = side;
            }
        }
        return widest;
    }
}
