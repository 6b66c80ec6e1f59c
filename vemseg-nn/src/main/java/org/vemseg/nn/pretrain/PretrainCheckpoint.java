package org.vemseg.nn.pretrain;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vemseg.nn.train.AtomicZip;

/**
 * The complete state of a pre-training run, enough to continue exactly: both encoders with their heads
 * (incl. batch-norm statistics), the optimiser state, the queue of negatives and its pointer, the random state,
 * the iteration and schedule length. A zip of {@code state.json}, {@code query.params}, {@code key.params},
 * {@code optimizer}, {@code queue}.
 *
 * <p>Written to a temporary sibling and renamed by this class itself, not AtomicOutput, because it is also
 * written from the Ctrl-C path, where AtomicOutput's shutdown hook deletes pending temporaries.
 */
public record PretrainCheckpoint(State state, byte[] query, byte[] key, byte[] optimizer, byte[] queue) {

    /**
     * @param config {@link PretrainConfig#key()} of the run
     * @param queuePointer next row of the queue to overwrite
     * @param mean grey-level mean used to normalise views
     * @param std grey-level standard deviation used to normalise views
     */
    public record State(String config, long iteration, long total, boolean totalFixed, double seconds,
            long rngState, int queuePointer, double mean, double std) {
    }

    private static final String KIND = "pre-training checkpoint";
    private static final String[] ENTRIES = {"query.params", "key.params", "optimizer", "queue"};

    public void save(Path path) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("state.json", AtomicZip.jsonBytes(state));
        byte[][] data = {query, key, optimizer, queue};
        for (int i = 0; i < ENTRIES.length; i++) {
            entries.put(ENTRIES[i], data[i]);
        }
        AtomicZip.write(path, entries);
    }

    public static PretrainCheckpoint load(Path path) {
        Map<String, byte[]> e = AtomicZip.read(path, KIND);
        State s = AtomicZip.json(e, "state.json", State.class, path, KIND);
        byte[][] data = new byte[ENTRIES.length][];
        for (int i = 0; i < ENTRIES.length; i++) {
            data[i] = AtomicZip.require(e, ENTRIES[i], path, KIND);
        }
        return new PretrainCheckpoint(s, data[0], data[1], data[2], data[3]);
    }
}
