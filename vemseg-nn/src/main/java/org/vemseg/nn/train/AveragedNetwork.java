package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.model.NetworkSpec;

/**
 * A shadow network that holds an average of a trained network's parameters, batch-norm statistics included
 * ({@link WeightAveraging}): a second block of the same structure, on the same manager and device, so that it can
 * be validated and saved like the trained one.
 *
 * <p>Why flat arrays: an update touches every parameter, and a network has about 150 small arrays (weights and
 * batch-norm statistics); one engine call each would cost milliseconds per iteration (see {@link Optimiser}). So
 * the trained network's weights are the optimiser's flat groups ({@link Optimiser#flatWeights}), its other
 * parameters are seated here in two more flat arrays (batch-norm statistics; parameters kept fixed, e.g. a frozen
 * encoder, which are copied once and never averaged, so they stay exactly as they are), the shadow's parameters
 * are laid out the same way, and an update is three engine calls per flat array. Nothing is copied to Java.
 */
final class AveragedNetwork {

    private static final NDIndex ALL = new NDIndex("...");

    private final Block shadow;
    private final NDManager manager;
    /** The trained network's flat arrays that change, and the shadow's at the same index with the same layout. */
    private final List<NDArray> live = new ArrayList<>();
    private final List<NDArray> average = new ArrayList<>();
    /** The same for parameters that training keeps fixed. */
    private final List<NDArray> fixedLive = new ArrayList<>();
    private final List<NDArray> fixedAverage = new ArrayList<>();
    /** The shadow's flat batch-norm statistics, or null if the network has no batch norm. */
    private final NDArray averageStatistics;

    /**
     * @param net the trained network, whose trainable parameters {@code optimiser} updates (already flattened by
     *     it); its other parameters are re-seated as views of flat arrays here, keeping their values
     * @param shadow a block of the same structure (its values are overwritten by the first {@link #copy})
     */
    AveragedNetwork(Block net, Block shadow, Optimiser optimiser, NDManager manager) {
        this.shadow = shadow;
        this.manager = manager;
        List<Parameter> mine = parameters(net);
        List<Parameter> theirs = parameters(shadow);
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("shadow network has " + theirs.size() + " parameters, not "
                    + mine.size());
        }
        Map<Parameter, Parameter> counterpart = new IdentityHashMap<>();
        for (int i = 0; i < mine.size(); i++) {
            counterpart.put(mine.get(i), theirs.get(i));
        }
        Set<Parameter> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Optimiser.FlatWeights g : optimiser.flatWeights()) {
            live.add(g.values());
            average.add(FlatArrays.seat(g.params().stream().map(p -> counterpart.get(p).getArray()).toList()));
            done.addAll(g.params());
        }
        List<Parameter> statistics = new ArrayList<>();
        List<Parameter> fixed = new ArrayList<>();
        for (Parameter p : mine) {
            if (!done.contains(p)) {
                (isStatistic(p) ? statistics : fixed).add(p);
            }
        }
        seat(fixed, counterpart, fixedLive, fixedAverage);
        averageStatistics = seat(statistics, counterpart, live, average);
    }

    private static boolean isStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    /**
     * Seats {@code ps} and their shadow counterparts as two flat arrays, added to {@code to} and {@code shadowTo};
     * returns the shadow's, or null if there are none.
     */
    private static NDArray seat(List<Parameter> ps, Map<Parameter, Parameter> counterpart, List<NDArray> to,
            List<NDArray> shadowTo) {
        if (ps.isEmpty()) {
            return null;
        }
        to.add(FlatArrays.seat(ps.stream().map(Parameter::getArray).toList()));
        NDArray flat = FlatArrays.seat(ps.stream().map(p -> counterpart.get(p).getArray()).toList());
        shadowTo.add(flat);
        return flat;
    }

    private static List<Parameter> parameters(Block b) {
        return b.getParameters().stream().map(Pair::getValue).toList();
    }

    /** The shadow network, holding the average; validate or save it, do not train it. */
    Block block() {
        return shadow;
    }

    /** The average, as {@link ModelBundle#parameters} serialises a network. */
    byte[] parameters() {
        return ModelBundle.parameters(shadow);
    }

    /** Starts the average: a copy of the trained network's parameters. */
    void copy() {
        for (int i = 0; i < live.size(); i++) {
            average.get(i).set(ALL, live.get(i));
        }
        for (int i = 0; i < fixedLive.size(); i++) {
            fixedAverage.get(i).set(ALL, fixedLive.get(i));
        }
    }

    /**
     * average ← (1 − weight) × average + weight × trained, for every parameter that training changes (batch-norm
     * statistics included), as
     * ((average × (1 − weight) / weight) + trained) × weight: three in-place passes, no temporary array (one the
     * size of the network per iteration cost more than the arithmetic); the rounding is that of the direct form.
     *
     * @param weight in (0, 1)
     */
    void blend(double weight) {
        if (!(weight > 0 && weight < 1)) {
            throw new IllegalArgumentException("blend weight must be in (0, 1) but was " + weight);
        }
        for (int i = 0; i < live.size(); i++) {
            average.get(i).muli((float) ((1 - weight) / weight)).addi(live.get(i)).muli((float) weight);
        }
    }

    /**
     * Replaces the shadow's batch-norm statistics by those of its own weights: the mean, over {@code count}
     * batches of shape {@code input}, of each batch's statistics (mean and unbiased variance per channel, as
     * batch norm records them in training mode). Needed after averaging weights (SWA): averaged statistics
     * describe none of the averaged networks' activations.
     *
     * <p>Each batch runs with the statistics zeroed, so that afterwards they hold the batch's statistics times the
     * weight batch norm gives a new batch, 1 − {@link NetworkSpec#BATCH_NORM_MOMENTUM}; the sum over the batches,
     * divided by that weight and the count, is their mean (PyTorch's {@code update_bn} gets the same cumulative
     * mean by setting the momentum to None, which DJL's blocks do not allow).
     */
    void recomputeStatistics(Supplier<float[]> batches, int count, Shape input) {
        if (averageStatistics == null) {
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray sum = averageStatistics.zerosLike();
            sum.attach(scratch);
            for (int b = 0; b < count; b++) {
                averageStatistics.getNDArrayInternal().getIndexer(scratch).set(averageStatistics, ALL, 0f);
                try (NDManager step = scratch.newSubManager()) {
                    NDArray x = step.create(batches.get(), input);
                    shadow.forward(new ParameterStore(step, false), new NDList(x), true);
                }
                sum.addi(averageStatistics);
            }
            averageStatistics.set(ALL, sum.divi((float) (count * (1 - (double) NetworkSpec.BATCH_NORM_MOMENTUM))));
        }
    }
}
