package org.vemseg.nn.train;

/**
 * A hook into the {@link FitLoop}, as DJL's {@code TrainingListener}: the learning-rate schedule, the time budget,
 * validation, the CSV log, progress, checkpoints and profiling are each one listener, so the loop itself only
 * steps. Listeners run in the order they are given, and a later one sees what an earlier one changed (the time
 * budget may end the run at this iteration, which validation and checkpoints then know).
 */
public interface TrainingListener {

    /** Before the first iteration of this session (after a resume: the first new one). */
    default void onStart(FitState s) {
    }

    /** Before each step, e.g. to set its learning rate. */
    default void beforeStep(FitState s) {
    }

    /** After each step, once the iteration count and the clock are advanced. */
    default void onIteration(FitState s) {
    }

    /** The run was asked to stop before its last iteration: what a resume needs is saved here. */
    default void onStop(FitState s) {
    }

    /** The last iteration is done. */
    default void onEnd(FitState s) {
    }

    /** Last of all, whether the run finished, stopped or failed. */
    default void onClose(FitState s) {
    }
}
