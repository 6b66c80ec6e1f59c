package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete state of one member's training, enough to continue exactly: weights (incl. batch-norm
 * statistics), optimiser state, the sampler's random state, the iteration and the fixed schedule length, the
 * best validation weights so far. A zip of {@code state.json}, {@code params}, {@code optimizer},
 * {@code best.params}.
 *
 * <p>Written to a temporary sibling and renamed, by this class itself rather than AtomicOutput: it is also
 * written from the Ctrl-C path, while AtomicOutput's shutdown hook deletes pending temporaries.
 */
public record Checkpoint(State state, byte[] params, byte[] optimizer, byte[] bestParams) {

    /**
     * @param config settings that must match for a resume to continue the same run
     * @param bestScore best validation foreground IoU (mean over classes ≥ 1), or −1
     * @param classes classes the network predicts (checkpoints written before multi-class training read as 2)
     */
    public record State(String config, int frames, long iteration, long total, boolean totalFixed,
            double seconds, long rngState, double bestScore, long bestIteration, double[] bestIoU, double[] bestF1,
            boolean finished, int classes) {

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
        AtomicZip.write(path, entries);
    }

    public static Checkpoint load(Path path) {
        Map<String, byte[]> e = AtomicZip.read(path, KIND);
        State s = AtomicZip.json(e, "state.json", State.class, path, KIND);
        return new Checkpoint(s, AtomicZip.require(e, "params", path, KIND),
                AtomicZip.require(e, "optimizer", path, KIND), e.get("best.params"));
    }
}
