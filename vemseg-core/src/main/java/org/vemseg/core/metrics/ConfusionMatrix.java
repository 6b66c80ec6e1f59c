package org.vemseg.core.metrics;

import java.util.Arrays;

/**
 * Voxel counts of true class (row) against predicted class (column) for classes {@code 0..classes()-1},
 * growing as larger class values appear (at most 256). Each class's one-vs-rest counts come from it.
 */
public final class ConfusionMatrix {

    private int k;
    private long[] m;

    public ConfusionMatrix(int classes) {
        k = classes;
        m = new long[classes * classes];
    }

    public int classes() {
        return k;
    }

    /** Counts one slice of class maps (values 0..255), skipping voxels where {@code excluded} is 1. */
    public long add(byte[] truth, byte[] predicted, byte[] excluded) {
        int max = k - 1;
        for (int i = 0; i < truth.length; i++) {
            max = Math.max(max, Math.max(truth[i] & 0xFF, predicted[i] & 0xFF));
        }
        ensure(max + 1);
        long skipped = 0;
        int kk = k;
        long[] mm = m;
        for (int i = 0; i < truth.length; i++) {
            if (excluded != null && excluded[i] != 0) {
                skipped++;
                continue;
            }
            mm[(truth[i] & 0xFF) * kk + (predicted[i] & 0xFF)]++;
        }
        return skipped;
    }

    /** Adds another matrix's counts. */
    public void add(ConfusionMatrix o) {
        ensure(o.k);
        for (int t = 0; t < o.k; t++) {
            for (int p = 0; p < o.k; p++) {
                m[t * k + p] += o.m[t * o.k + p];
            }
        }
    }

    private void ensure(int classes) {
        if (classes <= k) {
            return;
        }
        long[] grown = new long[classes * classes];
        for (int t = 0; t < k; t++) {
            System.arraycopy(m, t * k, grown, t * classes, k);
        }
        k = classes;
        m = grown;
    }

    public long get(int truth, int predicted) {
        return truth < k && predicted < k ? m[truth * k + predicted] : 0;
    }

    public long total() {
        return Arrays.stream(m).sum();
    }

    /** One-vs-rest counts of class {@code c}. */
    public ConfusionCounts counts(int c) {
        long tp = get(c, c);
        long predicted = 0;
        long actual = 0;
        for (int o = 0; o < k; o++) {
            predicted += get(o, c);
            actual += get(c, o);
        }
        long fp = predicted - tp;
        long fn = actual - tp;
        return new ConfusionCounts(tp, fp, fn, total() - tp - fp - fn);
    }
}
