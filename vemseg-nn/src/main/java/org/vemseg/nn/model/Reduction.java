package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;

/**
 * Inception-style grid reduction: a stride-2 3×3 max pool and a stride-2 3×3 conv side by side, concatenated
 * (channels in + filters). Halves height and width exactly for even sizes.
 */
final class Reduction extends GraphBlock {

    private final Block pool;
    private final Block conv;

    Reduction(int filters) {
        pool = addChildBlock("pool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        conv = addChildBlock("conv", Layers.convBnRelu(filters, 3, 2));
    }

    @Override
    protected NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(run(pool, ps, x, training).concat(run(conv, ps, x, training), 1));
    }
}
