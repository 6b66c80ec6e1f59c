package org.vemseg.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block whose forward pass is ordinary Java code calling named child blocks (residual sums, concatenations,
 * side outputs), instead of a fixed Sequential/Parallel composition.
 *
 * <p>Shapes are inferred by running the forward pass once on zeros: {@link #initializeChildBlocks} walks the
 * graph with a dummy input and initialises each child the first time it is called, with the shape it actually
 * receives. Parameter shapes do not depend on height and width, so callers initialise with a small patch.
 * Children are created in the constructor, so parameter names and order are stable for saving and loading.
 */
public abstract class GraphBlock extends AbstractBlock {

    private NDManager initManager;
    private DataType initType;

    /** The forward pass; {@code inputs} are NCHW float arrays. */
    protected abstract NDList forwardGraph(ParameterStore ps, NDList inputs, boolean training);

    /** Calls a child on one array, initialising it first if this is the shape-inference pass. */
    protected final NDArray run(Block child, ParameterStore ps, NDArray x, boolean training) {
        return runList(child, ps, new NDList(x), training).singletonOrThrow();
    }

    /** Calls a child on several arrays (see {@link #run}). */
    protected final NDList runList(Block child, ParameterStore ps, NDList x, boolean training) {
        if (!child.isInitialized()) {
            if (initManager == null) {
                throw new IllegalStateException("block " + getClass().getSimpleName() + " is not initialized");
            }
            child.initialize(initManager, initType, x.getShapes());
        }
        return child.forward(ps, x, training);
    }

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return forwardGraph(ps, inputs, training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        initManager = manager;
        initType = dataType;
        try (NDManager scratch = manager.newSubManager()) {
            NDList dummy = new NDList();
            for (Shape s : inputShapes) {
                dummy.add(scratch.zeros(s, dataType));
            }
            forwardGraph(new ParameterStore(scratch, false), dummy, false);
        } finally {
            initManager = null;
            initType = null;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        try (NDManager scratch = NDManager.newBaseManager()) {
            NDList dummy = new NDList();
            for (Shape s : inputShapes) {
                dummy.add(scratch.zeros(s));
            }
            return forwardGraph(new ParameterStore(scratch, false), dummy, false).getShapes();
        }
    }
}
