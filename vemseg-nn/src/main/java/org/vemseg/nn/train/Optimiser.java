package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates trainable parameters from their gradients. Unlike DJL's built-in optimisers, the state (momentum,
 * Adam moments) is explicit arrays that a checkpoint saves and restores, so a resumed run continues exactly.
 *
 * <p>The update is the engine's fused {@code sgdUpdate} / {@code adamUpdate} (in place, outside gradient
 * recording). That call is a dozen element-wise operations, and made per parameter they cost more than the
 * arithmetic: the default ResUNet has 77 small parameter arrays, and PyTorch's profiler showed 620
 * multiplications and about 17 ms per iteration in the update against 5.8 ms for PyTorch's own AdamW. So each
 * weight-decay group of parameters is moved into one flat array when the optimiser is created, every parameter
 * becoming a view of its slice, and a step is one call per group: the gradients are gathered into one array,
 * the group's weights and state are updated at once, and the parameters see the new values through their views.
 * The per-parameter state arrays (for checkpoints) are views of the flat state in the same way. Profiled again:
 * 20 multiplications and about 5 ms per iteration (bench/RESULTS.md, section 3).
 */
public abstract class Optimiser {

    /** The whole array, for in-place writes. */
    private static final NDIndex ALL = new NDIndex("...");

    protected final List<Parameter> params;
    protected final List<NDArray[]> state = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    /** Parameters updated together: their indices in {@link #params}, flat weights and flat state. */
    private record Group(List<Integer> members, boolean decay, NDArray weights, NDArray[] state) {
    }

    /**
     * @param params the trainable parameters (gradients attached), in a fixed order; they are re-seated as views
     *     of flat arrays owned by their manager, with the same values
     */
    protected Optimiser(List<Parameter> params, int statesPerParam) {
        this.params = List.copyOf(params);
        for (int i = 0; i < params.size(); i++) {
            state.add(new NDArray[statesPerParam]);
        }
        for (boolean decay : new boolean[] {true, false}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                if (decays(params.get(i)) == decay) {
                    members.add(i);
                }
            }
            if (!members.isEmpty()) {
                groups.add(flatten(members, decay, statesPerParam));
            }
        }
    }

    private static boolean decays(Parameter p) {
        return p.getType() == Parameter.Type.WEIGHT;
    }

    private Group flatten(List<Integer> members, boolean decay, int statesPerParam) {
        NDArray weights = FlatArrays.seat(members.stream().map(i -> params.get(i).getArray()).toList());
        NDArray[] flatState = new NDArray[statesPerParam];
        for (int k = 0; k < statesPerParam; k++) {
            flatState[k] = weights.zerosLike();
        }
        long offset = 0;
        for (int i : members) {
            NDArray a = params.get(i).getArray();
            a.setRequiresGradient(true);
            for (int k = 0; k < statesPerParam; k++) {
                state.get(i)[k] = FlatArrays.view(flatState[k], offset, a.getShape());
            }
            offset += a.getShape().size();
        }
        return new Group(List.copyOf(members), decay, weights, flatState);
    }

    /** Flat weights and the parameters that are views of consecutive slices of them, in that order. */
    record FlatWeights(NDArray values, List<Parameter> params) {
    }

    /** Each group's flat weights, so that other whole-network updates (weight averaging) are one call too. */
    List<FlatWeights> flatWeights() {
        return groups.stream().map(g -> new FlatWeights(g.weights(),
                g.members().stream().map(params::get).toList())).toList();
    }

    public static Optimiser create(OptimizerKind kind, List<Parameter> params) {
        return kind == OptimizerKind.SGD ? new SgdMomentum(params) : new AdamW(params);
    }

    /** Applies one update with learning rate {@code lr}; {@code step} counts from 1. Zeroes the gradients. */
    public final void step(double lr, long step) {
        // The zero fill's scalar must belong to a manager closed at the end of the step: NDArray.set(index, 0f)
        // makes it on the gradient's own manager, which lives as long as the network and so kept one array (and
        // its native tensor and direct buffer) per parameter per iteration: 77 an iteration, a leak that grew
        // without bound (issue 12).
        try (NDManager scratch = params.get(0).getArray().getManager().newSubManager()) {
            for (Group g : groups) {
                step(g, lr, step, scratch);
            }
        }
    }

    private void step(Group g, double lr, long step, NDManager scratch) {
        NDList grads = new NDList();
        for (int i : g.members()) {
            grads.add(params.get(i).getArray().getGradient());
        }
        NDList flat = new NDList();
        for (NDArray grad : grads) {
            flat.add(grad.reshape(-1));
        }
        try (NDArray gradient = NDArrays.concat(flat)) {
            update(g.weights(), gradient, g.state(), (float) lr, step, g.decay());
        }
        flat.close();
        for (NDArray grad : grads) {
            // zero in place: the engine accumulates into it in the next backward pass
            grad.getNDArrayInternal().getIndexer(scratch).set(grad, ALL, 0f);
        }
        grads.close();
    }

    /**
     * One update of flat weights {@code w} from flat gradient {@code g}; {@code decay} says whether weight decay
     * applies (conv kernels, not BN/bias).
     */
    protected abstract void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, boolean decay);

    /** All state arrays, parameter-major, for checkpoints. */
    public NDList state() {
        NDList out = new NDList();
        for (NDArray[] s : state) {
            for (NDArray a : s) {
                out.add(a);
            }
        }
        return out;
    }

    /** Restores state saved by {@link #state()} (same parameters in the same order). */
    public void loadState(NDList saved) {
        int k = 0;
        if (saved.size() != state.size() * (state.isEmpty() ? 0 : state.get(0).length)) {
            throw new IllegalArgumentException("optimizer state has " + saved.size() + " arrays, expected "
                    + state.size() * (state.isEmpty() ? 0 : state.get(0).length));
        }
        for (NDArray[] s : state) {
            for (NDArray a : s) {
                NDArray src = saved.get(k++);
                if (!src.getShape().equals(a.getShape())) {
                    throw new IllegalArgumentException("optimizer state shape " + src.getShape() + " != "
                            + a.getShape());
                }
                // in place (a is a view of the flat state): a.set(float[]) would give it new storage
                a.set(ALL, src);
            }
        }
    }

    /** SGD with momentum 0.9 and weight decay 5e-4 in Caffe's form (v = μv + lr(g + λw); w −= v). */
    static final class SgdMomentum extends Optimiser {
        static final float MOMENTUM = 0.9f;
        static final float WEIGHT_DECAY = 5e-4f;

        SgdMomentum(List<Parameter> params) {
            super(params, 1);
        }

        @Override
        protected void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, boolean decay) {
            // engine: g' = g + λw; v = μv + lr·g'; w −= v
            w.getNDArrayInternal().sgdUpdate(new NDList(w, g, s[0]), new NDList(w), lr, decay ? WEIGHT_DECAY : 0,
                    1, -1, MOMENTUM, false);
        }
    }

    /** AdamW (Loshchilov &amp; Hutter): β 0.9/0.999, ε 1e-8, decoupled weight decay 1e-2 (PyTorch default). */
    static final class AdamW extends Optimiser {
        static final float BETA1 = 0.9f;
        static final float BETA2 = 0.999f;
        static final float EPS = 1e-8f;
        static final float WEIGHT_DECAY = 1e-2f;

        AdamW(List<Parameter> params) {
            super(params, 2);
        }

        @Override
        protected void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, boolean decay) {
            // PyTorch's AdamW: w −= lr·λ·w; m, v updated; w −= (lr / bc1) · m / (√(v / bc2) + ε). The engine
            // computes w −= c · m / (√v + ε'), the same with c = lr·√bc2 / bc1 and ε' = ε·√bc2.
            double bc1 = 1 - StrictMath.pow(BETA1, step);
            double sqrtBc2 = StrictMath.sqrt(1 - StrictMath.pow(BETA2, step));
            w.getNDArrayInternal().adamUpdate(new NDList(w, g, s[0], s[1]), new NDList(w), lr,
                    (float) (lr * sqrtBc2 / bc1), decay ? WEIGHT_DECAY : 0, 1, -1, BETA1, BETA2,
                    (float) (EPS * sqrtBc2), false, true);
        }
    }
}
