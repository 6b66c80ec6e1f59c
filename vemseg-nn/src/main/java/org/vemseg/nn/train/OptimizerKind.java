package org.vemseg.nn.train;

import java.util.Locale;

/** The two optimiser recipes of the seed papers, each with its own learning-rate schedule. */
public enum OptimizerKind {
    /** CDeep3M: SGD, momentum 0.9, weight decay 5e-4, lr 1e-2 with poly decay (power 0.8). */
    SGD("sgd", 1e-2),
    /** CEM500K: AdamW with a one-cycle schedule peaking at lr 3e-3. */
    ADAMW("adamw", 3e-3);

    private final String id;
    private final double defaultLr;

    OptimizerKind(String id, double defaultLr) {
        this.id = id;
        this.defaultLr = defaultLr;
    }

    public double defaultLr() {
        return defaultLr;
    }

    public static OptimizerKind fromString(String s) {
        for (OptimizerKind k : values()) {
            if (k.id.equals(s.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + s + "'; valid: sgd, adamw");
    }

    @Override
    public String toString() {
        return id;
    }
}
