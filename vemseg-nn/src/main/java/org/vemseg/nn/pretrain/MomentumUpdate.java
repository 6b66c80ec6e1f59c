package org.vemseg.nn.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * MoCo's key-encoder update: every key parameter moves towards its query twin, {@code k = m·k + (1−m)·q}, in
 * place and without gradient. With m close to 1 the key encoder changes slowly, so the keys in the queue,
 * computed over many past iterations, stay consistent with each other.
 */
public final class MomentumUpdate {

    private MomentumUpdate() {
    }

    /**
     * Updates {@code key[i]} from {@code query[i]} for every i.
     *
     * @throws IllegalArgumentException if the lists differ in length or an array pair in shape
     */
    public static void apply(List<NDArray> key, List<NDArray> query, double momentum) {
        if (key.size() != query.size()) {
            throw new IllegalArgumentException("key has " + key.size() + " parameters, query " + query.size());
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1] but was " + momentum);
        }
        float m = (float) momentum;
        for (int i = 0; i < key.size(); i++) {
            NDArray k = key.get(i);
            NDArray q = query.get(i);
            if (!k.getShape().equals(q.getShape())) {
                throw new IllegalArgumentException("parameter " + i + ": key shape " + k.getShape() + " != query "
                        + q.getShape());
            }
            try (NDManager scratch = k.getManager().newSubManager()) {
                scratch.tempAttachAll(k, q);
                k.muli(m).addi(q.mul(1 - m));
            }
        }
    }
}
