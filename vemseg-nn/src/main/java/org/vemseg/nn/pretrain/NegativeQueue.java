package org.vemseg.nn.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * MoCo's dictionary of negative keys: a fixed-size FIFO of L2-normalised key vectors, one per row. Each
 * iteration the newest keys overwrite the oldest ones, wrapping around at the end. Starts with random unit
 * vectors (as MoCo does), drawn from the given values so the start is reproducible.
 */
public final class NegativeQueue implements AutoCloseable {

    private final NDArray keys;
    private int pointer;

    private NegativeQueue(NDArray keys, int pointer) {
        this.keys = keys;
        this.pointer = pointer;
    }

    /** A queue of {@code size} rows of {@code dim} values, filled with the rows of {@code initial} normalised. */
    public static NegativeQueue create(NDManager manager, int size, int dim, float[] initial) {
        if (size < 1 || dim < 1 || initial.length != size * dim) {
            throw new IllegalArgumentException("queue " + size + "×" + dim + " needs " + (long) size * dim
                    + " initial values but got " + initial.length);
        }
        NDArray raw = manager.create(initial, new Shape(size, dim));
        NDArray k = InfoNce.normalise(raw);
        raw.close();
        return new NegativeQueue(k, 0);
    }

    /** A queue restored from a checkpoint: {@code keys} (taken over, size × dim) and the next write position. */
    public static NegativeQueue restore(NDArray keys, int pointer) {
        if (keys.getShape().dimension() != 2 || pointer < 0 || pointer >= keys.getShape().get(0)) {
            throw new IllegalArgumentException("queue " + keys.getShape() + " with pointer " + pointer);
        }
        return new NegativeQueue(keys, pointer);
    }

    /** The keys, size × dim; row i is a negative. Read-only for callers. */
    public NDArray keys() {
        return keys;
    }

    /** Row written by the next {@link #enqueue}. */
    public int pointer() {
        return pointer;
    }

    public int size() {
        return (int) keys.getShape().get(0);
    }

    /**
     * Writes the rows of {@code batch} (n × dim, already normalised) over the oldest keys, wrapping around.
     *
     * @throws IllegalArgumentException if n exceeds the queue size or dim differs
     */
    public void enqueue(NDArray batch) {
        int n = (int) batch.getShape().get(0);
        int size = size();
        if (n > size || batch.getShape().get(1) != keys.getShape().get(1)) {
            throw new IllegalArgumentException("cannot enqueue " + batch.getShape() + " into a queue of "
                    + keys.getShape());
        }
        int first = Math.min(n, size - pointer);
        keys.set(new NDIndex("{}:{}", pointer, pointer + first), batch.get("0:{}", first));
        if (first < n) {
            keys.set(new NDIndex("0:{}", n - first), batch.get("{}:{}", first, n));
        }
        pointer = (pointer + n) % size;
    }

    @Override
    public void close() {
        keys.close();
    }
}
