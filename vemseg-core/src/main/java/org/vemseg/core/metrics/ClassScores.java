package org.vemseg.core.metrics;

/** Counts and scores of one class (or of one slice for the foreground class). */
public record ClassScores(String name, ConfusionCounts counts, double precision, double recall, double f1,
        double jaccard, double accuracy) {

    public static ClassScores of(String name, ConfusionCounts c) {
        return new ClassScores(name, c, c.precision(), c.recall(), c.f1(), c.jaccard(), c.accuracy());
    }
}
