package org.vemseg.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Asserts that a resumed run ends exactly like an uninterrupted one, on an engine that is not always
 * bit-reproducible.
 *
 * <p>Why: PyTorch's CPU backward pass on this machine occasionally (about one run in twenty, in a JVM that has
 * already trained) gives slightly different gradients for identical weights and inputs, so two uninterrupted
 * runs with the same seed can differ too. A single comparison would then blame resuming for the engine. Here a
 * difference is only a failure if it repeats: when the first uninterrupted run and the resumed run differ,
 * each is run once more, and the assertion holds if any uninterrupted run equals any resumed run. A resume bug
 * differs every time and still fails.
 */
public final class ReproducibleRuns {

    private ReproducibleRuns() {
    }

    /**
     * @param uninterrupted runs the job start to end, returning what is compared (losses, weights)
     * @param resumed runs the job with an interruption and a resume, returning the same kind of outcome
     * @param what names the outcome in the failure message
     */
    public static <T> void assertResumedEqualsUninterrupted(Supplier<T> uninterrupted, Supplier<T> resumed,
            BiPredicate<T, T> same, String what) {
        T a = uninterrupted.get();
        T b = resumed.get();
        if (same.test(a, b)) {
            return;
        }
        System.err.println("ReproducibleRuns: " + what + " differ (" + a + " vs " + b + "); repeating both runs");
        T a2 = uninterrupted.get();
        if (same.test(a2, b)) {
            return;
        }
        T b2 = resumed.get();
        if (same.test(a, b2) || same.test(a2, b2)) {
            return;
        }
        fail(what + " of two resumed runs differ from those of two uninterrupted runs (uninterrupted runs "
                + (same.test(a, a2) ? "agree" : "also differ from each other") + "): " + a + " vs " + b);
    }
}
