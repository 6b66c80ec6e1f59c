package org.vemseg.nn.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the {@link WeightAveraging} of a training member up to date after each step, in an
 * {@link AveragedNetwork}, and at the end of an SWA run recomputes its batch-norm statistics on
 * {@value #STATISTICS_BATCHES} training batches (drawn from a random stream of their own, so the training's is
 * untouched). Runs before validation, which then also scores the average ({@link #validatable}).
 *
 * <p>A checkpoint stores the average ({@link AveragedNetwork#parameters}), {@link #samples()} and
 * {@link #from()}; a resumed run continues the same average.
 */
final class WeightAverageListener implements TrainingListener {

    /** Batches whose statistics replace the averaged ones at the end of SWA. */
    static final int STATISTICS_BATCHES = 32;

    private final WeightAveraging mode;
    private final AveragedNetwork average;
    private final Supplier<BatchPrefetcher> statisticsBatches;
    private final Shape input;
    private long samples;
    private long from;
    private boolean statisticsRecomputed;

    /**
     * @param statisticsBatches training batches (of shape {@code input}) for SWA's batch-norm statistics
     * @param samples samples (EMA: updates) in the average so far, 0 before it starts
     * @param from the iteration the average started at (when {@code samples} > 0)
     */
    WeightAverageListener(WeightAveraging mode, AveragedNetwork average, Supplier<BatchPrefetcher> statisticsBatches,
            Shape input, long samples, long from) {
        if (mode == WeightAveraging.NONE) {
            throw new IllegalArgumentException("no weight averaging to keep");
        }
        this.mode = mode;
        this.average = average;
        this.statisticsBatches = statisticsBatches;
        this.input = input;
        this.samples = samples;
        this.from = from;
    }

    @Override
    public void onIteration(FitState s) {
        if (!mode.samplesAt(s.iteration(), s.total(), samples)) {
            return;
        }
        if (samples == 0) {
            average.copy();
            from = s.iteration();
        } else {
            average.blend(mode.weightOfNext(samples, s.total()));
        }
        samples++;
        if (mode == WeightAveraging.SWA && s.iteration() == s.total()) {
            try (BatchPrefetcher batches = statisticsBatches.get()) {
                average.recomputeStatistics(() -> batches.next().images(), STATISTICS_BATCHES, input);
            }
            statisticsRecomputed = true;
        }
    }

    /**
     * The average, when it is worth validating now: an EMA once it has started; SWA only at the end, once its
     * batch-norm statistics are its own.
     */
    Optional<Block> validatable() {
        boolean ready = mode == WeightAveraging.EMA ? samples > 0 : statisticsRecomputed;
        return ready ? Optional.of(average.block()) : Optional.empty();
    }

    /** The average's parameters, or empty before it starts. */
    Optional<byte[]> parameters() {
        return samples > 0 ? Optional.of(average.parameters()) : Optional.empty();
    }

    long samples() {
        return samples;
    }

    long from() {
        return from;
    }

    /** What the average is made of, for the provenance: "ema of iterations 751-1000, time constant 50". */
    static String describe(WeightAveraging mode, long samples, long from, long total) {
        if (samples == 0) {
            return mode + ": not started";
        }
        String span = mode + " of iterations " + from + "-" + total;
        return mode == WeightAveraging.EMA
                ? span + ", time constant " + WeightAveraging.emaTimeConstant(total) + " iterations"
                : span + ", " + samples + " samples, batch-norm statistics recomputed on " + STATISTICS_BATCHES
                        + " training batches";
    }

    /**
     * Which weights a member keeps when it averages, for the provenance and the summary: the best validated
     * ({@code best}, trained or averaged), else the average, else (not started) the trained weights; with the
     * scores of the last validation of both.
     */
    static String keptWeights(WeightAveraging mode, BestWeights best, boolean hasAverage,
            Optional<ValidationListener> validation) {
        String kept;
        if (best.params != null) {
            kept = (best.averaged ? "the " + mode + " average" : "the trained weights") + " of iteration "
                    + best.iteration + ", the best validated";
        } else {
            kept = hasAverage ? "the " + mode + " average (no validation)" : "the trained weights (no average yet)";
        }
        double trained = validation.map(ValidationListener::lastScore).orElse(Double.NaN);
        double averaged = validation.map(ValidationListener::lastAverageScore).orElse(Double.NaN);
        return Double.isNaN(averaged) ? kept : kept + String.format(Locale.ROOT,
                " (last validation IoU: average %.4f, trained weights %.4f)", averaged, trained);
    }
}
