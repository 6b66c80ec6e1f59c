package org.vemseg.core.metrics;

import java.util.Arrays;

/**
 * Counts occurrences of non-negative long keys (label pairs packed as {@code a << 32 | b}) in an
 * open-addressing hash table of primitives: the contingency tables of object matching and of the Rand and
 * VI measures without boxing one Long per voxel.
 */
final class PairCounter {

    private static final long EMPTY = -1;
    private long[] keys = new long[1 << 10];
    private long[] counts = new long[1 << 10];
    private int size;

    PairCounter() {
        Arrays.fill(keys, EMPTY);
    }

    void add(long key) {
        add(key, 1);
    }

    void add(long key, long amount) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                counts[i] += amount;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                counts[i] = amount;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** The distinct keys, in table order. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                out[n++] = k;
            }
        }
        return out;
    }

    /** Counts in the order of {@link #keys()}. */
    long[] counts() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out[n++] = counts[i];
            }
        }
        return out;
    }
}
