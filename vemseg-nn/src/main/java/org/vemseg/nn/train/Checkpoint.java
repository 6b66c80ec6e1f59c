package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete state of one member's training, enough to continue exactly: weights (incl. batch-norm
 * statistics), optimiser state, the sampler's random state, the iteration and the fixed schedule length, the
 * best validation weights so far, the weight average ({@link WeightAveraging}). A zip of {@code state.json},
 * {@code params}, {@code optimizer}, {@code best.params}, {@code average.params}.
 *
 * <p>Written to a temporary sibling and renamed, by this class itself rather than AtomicOutput: it is also
 * written from the Ctrl-C path, while AtomicOutput's shutdown hook deletes pending temporaries.
 */
public record Checkpoint(State state, byte[] params, byte[] optimizer, byte[] bestParams, byte[] averageParams) {

    /**
     * @param config settings that must match for a resume to continue the same run
     * @param bestScore best validation foreground IoU (mean over classes ≥ 1), or −1
     * @param classes classes the network predicts (checkpoints written before multi-class training read as 2)
     * @param averageSamples samples (EMA: updates) in the weight average, 0 if none (or none yet)
     * @param averageFrom the iteration the weight average started at
     * @param bestAveraged whether the best validation weights are the weight average's
     */
    public record State(String config, int frames, long iteration, long total, boolean totalFixed,
            double seconds, long rngState, double bestScore, long bestIteration, double[] bestIoU, double[] bestF1,
            boolean finished, int classes, long averageSamples, long averageFrom, boolean bestAveraged) {

        public State {
            classes = classes == 0 ? 2 : classes;
        }
    }

    private static final String KIND = "checkpoint";

    public void save(Path path) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("state.json", AtomicZip.jsonBytes(state));
        entries.put("params", params);
        entries.put("optimizer", optimizer);
        if (bestParams != null) {
            entries.put("best.params", bestParams);
        }
        if (averageParams != null) {
            entries.put("average.params", averageParams);
        }
        AtomicZip.write(path, entries);
    }

    public static Checkpoint load(Path path) {
        Map<String, byte[]> e = AtomicZip.read(path, KIND);
        State s = AtomicZip.json(e, "state.json", State.class, path, KIND);
        return new Checkpoint(s, AtomicZip.require(e, "params", path, KIND),
                AtomicZip.require(e, "optimizer", path, KIND), e.get("best.params"), e.get("average.params"));
    }
}
