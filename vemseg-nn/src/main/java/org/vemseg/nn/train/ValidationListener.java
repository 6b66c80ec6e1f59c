package org.vemseg.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scores the network on the validation volume every {@code every} iterations and after the last one, keeping
 * the best weights ({@link BestWeights}). A weight average ({@link WeightAverageListener}), when it is ready, is
 * scored too and may be kept instead. Validation time is not training time: it is measured, so that a time
 * budget ({@link TimeBudget}) can tell the two apart.
 */
final class ValidationListener implements TrainingListener {

    private final Validator validator;
    private final Block net;
    private final NDManager manager;
    private final int every;
    private final BestWeights best;
    private final Supplier<Optional<Block>> average;
    private long validatedAt = -1;
    private SegmentationMetrics scores;
    private double lastScore = Double.NaN;
    private double lastAverageScore = Double.NaN;
    private double lastSeconds;
    private double totalSeconds;

    /** @param average the weight average to score as well, when there is one ready */
    ValidationListener(Validator validator, Block net, NDManager manager, int every, BestWeights best,
            Supplier<Optional<Block>> average) {
        this.validator = validator;
        this.net = net;
        this.manager = manager;
        this.every = every;
        this.best = best;
        this.average = average;
    }

    @Override
    public void onIteration(FitState s) {
        if (validatedAt != s.iteration() && (s.iteration() % every == 0 || s.iteration() == s.total())) {
            validate(s);
        }
    }

    /** Scores the network now (at most once per iteration counts: a second call scores again). */
    void validate(FitState s) {
        long t0 = System.nanoTime();
        scores = validator.score(net, manager);
        validatedAt = s.iteration();
        lastScore = best.offer(s.iteration(), scores, net, false);
        average.get().ifPresent(a -> lastAverageScore = best.offer(s.iteration(), validator.score(a, manager), a,
                true));
        lastSeconds = (System.nanoTime() - t0) / 1e9;
        totalSeconds += lastSeconds;
        s.tick();
    }

    /** The scores of iteration {@code iteration}, or null if the network was not validated at it. */
    SegmentationMetrics scoresAt(long iteration) {
        return validatedAt == iteration ? scores : null;
    }

    /** Foreground IoU of the latest validation, NaN before the first. */
    double lastScore() {
        return lastScore;
    }

    /** Foreground IoU of the latest validation of the weight average, NaN before the first. */
    double lastAverageScore() {
        return lastAverageScore;
    }

    /** Seconds the latest validation took (0 before the first of this session). */
    double lastSeconds() {
        return lastSeconds;
    }

    /** Seconds spent validating in this session. */
    double totalSeconds() {
        return totalSeconds;
    }
}
