package org.vemseg.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates trainable parameters from their gradients. Unlike DJL's built-in optimisers, the state (momentum,
 * Adam moments) is explicit arrays that a checkpoint saves and restores, so a resumed run continues exactly.
 * Updates run outside gradient recording and in place; temporaries live in a scratch manager.
 */
public abstract class Optimiser {

    protected final List<Parameter> params;
    protected final List<NDArray[]> state = new ArrayList<>();

    /** @param params the trainable parameters (gradients attached), in a fixed order */
    protected Optimiser(List<Parameter> params, int statesPerParam) {
        this.params = List.copyOf(params);
        for (Parameter p : params) {
            NDArray[] s = new NDArray[statesPerParam];
            for (int i = 0; i < statesPerParam; i++) {
                s[i] = p.getArray().zerosLike();
                s[i].setRequiresGradient(false);
            }
            state.add(s);
        }
    }

    public static Optimiser create(OptimizerKind kind, List<Parameter> params) {
        return kind == OptimizerKind.SGD ? new SgdMomentum(params) : new AdamW(params);
    }

    /** Applies one update with learning rate {@code lr}; {@code step} counts from 1. Zeroes the gradients. */
    public final void step(double lr, long step) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            NDArray w = p.getArray();
            NDArray g = w.getGradient();
            NDArray[] s = state.get(i);
            try (NDManager scratch = w.getManager().newSubManager()) {
                NDArray[] all = new NDArray[s.length + 2];
                all[0] = w;
                all[1] = g;
                System.arraycopy(s, 0, all, 2, s.length);
                scratch.tempAttachAll(all);
                update(w, g, s, (float) lr, step, p.getType() == Parameter.Type.WEIGHT);
                g.subi(g);
            }
            g.close();
        }
    }

    /** One parameter's update; {@code decay} says whether weight decay applies (conv kernels, not BN/bias). */
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
                    throw new IllegalArgumentException("optimizer state shape " + src.getShape() + " != " + a.getShape());
                }
                a.set(src.toFloatArray());
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
            NDArray grad = decay ? g.add(w.mul(WEIGHT_DECAY)) : g;
            s[0].muli(MOMENTUM).addi(grad.mul(lr));
            w.subi(s[0]);
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
            s[0].muli(BETA1).addi(g.mul(1 - BETA1));
            s[1].muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
            if (decay) {
                w.muli(1 - lr * WEIGHT_DECAY);
            }
            float bc1 = (float) (1 - StrictMath.pow(BETA1, step));
            float bc2 = (float) (1 - StrictMath.pow(BETA2, step));
            NDArray denom = s[1].div(bc2).sqrt().add(EPS);
            w.subi(s[0].div(denom).muli(lr / bc1));
        }
    }
}
