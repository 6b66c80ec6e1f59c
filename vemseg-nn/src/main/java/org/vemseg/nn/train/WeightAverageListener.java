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
 * <p>A checkpoint stores its {@link State}; a resumed run continues the same average.
 */
final class WeightAverageListener implements TrainingListener {

    /**
     * What a checkpoint keeps of an average.
     *
     * @param params the average's parameters ({@link AveragedNetwork#parameters}), or null before it starts
     * @param samples samples (EMA: updates) in it so far, 0 before it starts
     * @param from the iteration it started at
     */
    record State(byte[] params, long samples, long from) {

        static final State NONE = new State(null, 0, 0);

        static State of(Checkpoint k) {
            return k.averageParams() == null ? NONE
                    : new State(k.averageParams(), k.state().averageSamples(), k.state().averageFrom());
        }
    }

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
     * @param at the average so far (its parameters already in {@code average}), {@link State#NONE} at the start
     */
    WeightAverageListener(WeightAveraging mode, AveragedNetwork average, Supplier<BatchPrefetcher> statisticsBatches,
            Shape input, State at) {
        if (mode == WeightAveraging.NONE) {
            throw new IllegalArgumentException("no weight averaging to keep");
        }
        this.mode = mode;
        this.average = average;
        this.statisticsBatches = statisticsBatches;
        this.input = input;
        this.samples = at.samples();
        this.from = at.from();
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

    /** The average as a checkpoint keeps it. */
    State state() {
        return samples > 0 ? new State(average.parameters(), samples, from) : State.NONE;
    }

    /** What average {@code a} is made of, for the provenance: "ema of iterations 751-1000, time constant 50". */
    static String describe(WeightAveraging mode, State a, long total) {
        if (a.samples() == 0) {
            return mode + ": not started";
        }
        String span = mode + " of iterations " + a.from() + "-" + total;
        return mode == WeightAveraging.EMA
                ? span + ", time constant " + WeightAveraging.emaTimeConstant(total) + " iterations"
                : span + ", " + a.samples() + " samples, batch-norm statistics recomputed on " + STATISTICS_BATCHES
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
