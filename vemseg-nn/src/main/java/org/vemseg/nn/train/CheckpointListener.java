package org.vemseg.nn.train;

/**
 * Writes a checkpoint every {@code every} iterations, when the run is stopped (Ctrl-C), and after the last
 * iteration (marked finished, so that a resume of a finished member does not train it again).
 */
public final class CheckpointListener implements TrainingListener {

    /** Writes the checkpoint of the run as it is now. */
    @FunctionalInterface
    public interface Save {
        void save(boolean finished);
    }

    private final int every;
    private final Save save;

    public CheckpointListener(int every, Save save) {
        this.every = every;
        this.save = save;
    }

    @Override
    public void onIteration(FitState s) {
        if (s.iteration() % every == 0 && s.iteration() < s.total()) {
            save.save(false);
        }
    }

    @Override
    public void onStop(FitState s) {
        save.save(false);
    }

    @Override
    public void onEnd(FitState s) {
        save.save(true);
    }
}
