package org.vemseg.nn.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Everything needed to rebuild a network before loading its weights.
 *
 * @param frames consecutive z slices given as input channels (1, 3 or 5), the centre one is segmented
 * @param classes output classes (2 for foreground/background)
 * @param width channel multiplier; 1 = published size (ResNet base 64; DeepEM3D as in CDeep3M)
 */
public record NetworkSpec(Architecture architecture, int frames, int classes, double width) {

    /**
     * The batch-norm momentum of every network: in training mode, running statistics become this times
     * themselves plus (1 − this) times the batch's.
     */
    public static final float BATCH_NORM_MOMENTUM = 0.9f;

    public NetworkSpec {
        if (frames < 1 || frames % 2 == 0) {
            throw new IllegalArgumentException("frames must be an odd number ≥ 1 but was " + frames);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be ≥ 2 but was " + classes);
        }
        if (!(width > 0) || width > 4) {
            throw new IllegalArgumentException("width must be in (0, 4] but was " + width);
        }
    }

    /** Channels of the first ResNet stage. */
    public int resunetBase() {
        return Math.max(4, (int) Math.round(64 * width));
    }

    /** A new, uninitialised network. */
    public Block newBlock() {
        return switch (architecture) {
            case RESUNET, RESUNET50 -> new ResUNet(architecture.encoder().orElseThrow(), resunetBase(), classes);
            case DEEPEM3D -> new DeepEm3d(width, classes);
        };
    }

    /** A new network with parameters initialised (shapes inferred from a small dummy patch). */
    public Block newInitializedBlock(NDManager manager) {
        Block block = newBlock();
        int s = architecture.inputMultiple() * 2;
        block.initialize(manager, DataType.FLOAT32, new Shape(1, frames, s, s));
        return block;
    }

    /** Radius in z of the frame stack: frames = 2 × radius + 1. */
    public int zRadius() {
        return frames / 2;
    }
}
