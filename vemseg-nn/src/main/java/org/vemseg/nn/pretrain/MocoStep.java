package org.vemseg.nn.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.data.SeededRandom;
import org.vemseg.nn.train.FitLoop;
import org.vemseg.nn.train.FitState;
import org.vemseg.nn.train.Optimiser;

/**
 * One MoCo v2 step: draw a batch of patches, make two augmented views of each ({@link ViewAugmenter}); move
 * the key encoder towards the query encoder ({@link MomentumUpdate}); embed view 1 with the query network and
 * view 2 with the key network (no gradient), both L2-normalised; {@link InfoNce} against the positive key and
 * the {@link NegativeQueue}; back-propagate into the query network and step the optimiser; enqueue the keys.
 * Batch norm is "shuffled" as in MoCo: the batch is split into {@code bnGroups} groups that are normalised
 * separately, and the keys are computed in a permuted order, so a query and its positive key never share batch
 * statistics (which would let the network cheat).
 */
final class MocoStep implements FitLoop.Step {

    private final PretrainConfig c;
    private final PatchSet patches;
    private final ViewAugmenter augmenter;
    private final SeededRandom rng;
    private final MocoNetwork query;
    private final MocoNetwork key;
    private final NegativeQueue queue;
    private final NDManager m;
    private final ParameterStore ps;
    private final List<NDArray> queryTrainable = new ArrayList<>();
    private final List<NDArray> keyTwins = new ArrayList<>();
    private final Optimiser optimiser;

    /** Pairs the trainable parameters of {@code query} with their twins in {@code key}, and creates the optimiser. */
    MocoStep(PretrainConfig c, PatchSet patches, ViewAugmenter augmenter, SeededRandom rng, MocoNetwork query,
            MocoNetwork key, NegativeQueue queue, NDManager m) {
        this.c = c;
        this.patches = patches;
        this.augmenter = augmenter;
        this.rng = rng;
        this.query = query;
        this.key = key;
        this.queue = queue;
        this.m = m;
        this.ps = new ParameterStore(m, false);
        List<Parameter> trainable = new ArrayList<>();
        List<Parameter> keyParams = key.getParameters().values();
        List<Parameter> queryParams = query.getParameters().values();
        for (int i = 0; i < queryParams.size(); i++) {
            Parameter p = queryParams.get(i);
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
                trainable.add(p);
                queryTrainable.add(p.getArray());
                keyTwins.add(keyParams.get(i).getArray());
            }
        }
        optimiser = Optimiser.create(c.optimizer(), trainable);
    }

    Optimiser optimiser() {
        return optimiser;
    }

    @Override
    public double run(FitState st) {
        int b = c.batch();
        int s = c.size();
        int plane = s * s;
        float[] x1 = new float[b * plane];
        float[] x2 = new float[b * plane];
        int[] order = permutation(b);
        for (int i = 0; i < b; i++) {
            int idx = rng.nextInt(patches.size());
            byte[] px = patches.pixels(idx);
            int h = patches.height(idx);
            int w = patches.width(idx);
            augmenter.view(px, h, w, rng, x1, i * plane);
            // key view of sample i goes to row order[i], a random batch-norm group (shuffling BN)
            augmenter.view(px, h, w, rng, x2, order[i] * plane);
        }
        MomentumUpdate.apply(keyTwins, queryTrainable, c.momentum());
        try (NDManager sm = m.newSubManager()) {
            NDArray keys = keys(sm.create(x2, new Shape(b, 1, s, s)), order);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q = InfoNce.normalise(groups(query, sm.create(x1, new Shape(b, 1, s, s))));
                loss = InfoNce.loss(q, keys, queue.keys(), c.temperature());
                gc.backward(loss);
            }
            double value = loss.getFloat();
            if (!Double.isFinite(value)) {
                throw new VemsegException("pre-training diverged at iteration " + (st.iteration() + 1) + " (loss "
                        + value + "); lower " + Settings.name("lr"));
            }
            optimiser.step(st.lr(), st.iteration() + 1);
            queue.enqueue(keys);
            return value;
        }
    }

    /** Key embeddings in the batch's original order, normalised, from views stored in {@code order}. */
    private NDArray keys(NDArray shuffled, int[] order) {
        NDManager sm = shuffled.getManager();
        float[] k = InfoNce.normalise(groups(key, shuffled)).toFloatArray();
        int d = MocoNetwork.EMBEDDING;
        float[] unshuffled = new float[k.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(k, order[i] * d, unshuffled, i * d, d);
        }
        return sm.create(unshuffled, new Shape(order.length, d));
    }

    /** Forward in {@code bnGroups} separate groups (each with its own batch-norm statistics). */
    private NDArray groups(MocoNetwork net, NDArray x) {
        int g = c.bnGroups();
        int n = c.batch() / g;
        NDList parts = new NDList();
        for (int j = 0; j < g; j++) {
            parts.add(net.forward(ps, new NDList(x.get("{}:{}", j * n, (j + 1) * n)), true).singletonOrThrow());
        }
        return g == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    /**
     * A random permutation of the batch (MoCo's shuffle across GPUs): keys are normalised in batch-norm
     * groups of randomly mixed samples, so their statistics differ from those of their queries' groups.
     */
    private int[] permutation(int b) {
        int[] p = new int[b];
        for (int i = 0; i < b; i++) {
            p[i] = i;
        }
        for (int i = b - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
