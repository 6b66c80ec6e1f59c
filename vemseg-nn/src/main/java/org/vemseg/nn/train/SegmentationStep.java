package org.vemseg.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;

/**
 * One segmentation training step: the next prefetched batch ({@link BatchPrefetcher}) → forward →
 * {@link SegmentationLoss} (at the step's {@link ClassWeights#strengthAt class weighting strength}) → backward →
 * {@link Optimiser}. Each step runs in its own sub-manager, so nothing of
 * it outlives the step but the updated weights.
 */
final class SegmentationStep implements FitLoop.Step, AutoCloseable {

    private final Block net;
    private final NDManager parent;
    private final ParameterStore ps;
    private final BatchPrefetcher batches;
    private final SegmentationLoss loss;
    private final ClassWeights weighting;
    private final Optimiser optimiser;
    private final Shape input;
    /** Random state after the last batch consumed; the prefetcher's generator may be one batch ahead. */
    private long rngState;

    SegmentationStep(Block net, NDManager parent, BatchPrefetcher batches, SegmentationLoss loss,
            ClassWeights weighting, Optimiser optimiser, Shape input, long rngState) {
        this.net = net;
        this.parent = parent;
        this.ps = new ParameterStore(parent, false);
        this.batches = batches;
        this.loss = loss;
        this.weighting = weighting;
        this.optimiser = optimiser;
        this.input = input;
        this.rngState = rngState;
    }

    /** The random state a checkpoint stores: a resumed run draws the next batch from it. */
    long rngState() {
        return rngState;
    }

    @Override
    public double run(FitState s) {
        BatchPrefetcher.Batch batch = batches.next();
        rngState = batch.rngStateAfter();
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.create(batch.images(), input);
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                value = loss.compute(m, logits, batch.targets(), weighting.strengthAt(s.iteration()));
                gc.backward(value);
            }
            double v = value.getFloat();
            if (!Double.isFinite(v)) {
                throw new VemsegException("training diverged at iteration " + (s.iteration() + 1) + " (loss " + v
                        + "); lower " + Settings.name("lr"));
            }
            optimiser.step(s.lr(), s.iteration() + 1);
            return v;
        }
    }

    @Override
    public void close() {
        batches.close();
    }
}
