package org.vemseg.nn.train;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one training loop of vemseg, for segmentation training and for MoCo pre-training alike: step until the
 * schedule ends or a stop is requested, and let {@link TrainingListener}s do everything else.
 */
public final class FitLoop {

    /** One optimisation step at {@link FitState#iteration()} with {@link FitState#lr()}; returns its loss. */
    @FunctionalInterface
    public interface Step {
        double run(FitState s);
    }

    private FitLoop() {
    }

    /**
     * Runs {@code step} from {@code s.iteration()} to {@code s.total()}. A stop request is honoured between two
     * iterations.
     *
     * @return true if the run finished, false if it stopped on request
     */
    public static boolean fit(FitState s, Step step, List<TrainingListener> listeners, BooleanSupplier stopRequested) {
        listeners.forEach(l -> l.onStart(s));
        try {
            while (s.iteration() < s.total()) {
                if (stopRequested.getAsBoolean()) {
                    listeners.forEach(l -> l.onStop(s));
                    return false;
                }
                listeners.forEach(l -> l.beforeStep(s));
                s.stepped(step.run(s));
                listeners.forEach(l -> l.onIteration(s));
            }
            listeners.forEach(l -> l.onEnd(s));
            return true;
        } finally {
            listeners.forEach(l -> l.onClose(s));
        }
    }
}
