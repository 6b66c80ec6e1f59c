package org.vemseg.nn.pretrain;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.vemseg.nn.train.AtomicZip;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.vemseg.core.VemsegException;

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

    private static final Gson GSON = new Gson();
    private static final String[] ENTRIES = {"query.params", "key.params", "optimizer", "queue"};

    public void save(Path path) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("state.json", GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
        byte[][] data = {query, key, optimizer, queue};
        for (int i = 0; i < ENTRIES.length; i++) {
            entries.put(ENTRIES[i], data[i]);
        }
        AtomicZip.write(path, entries);
    }

    public static PretrainCheckpoint load(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            State s = GSON.fromJson(new String(entry(zip, "state.json", path), StandardCharsets.UTF_8), State.class);
            return new PretrainCheckpoint(s, entry(zip, ENTRIES[0], path), entry(zip, ENTRIES[1], path),
                    entry(zip, ENTRIES[2], path), entry(zip, ENTRIES[3], path));
        } catch (ZipException | JsonParseException e) {
            throw new VemsegException.Corrupt(path + ": not a vemseg pre-training checkpoint (" + e.getMessage() + ")",
                    e);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read checkpoint", e);
        }
    }

    private static byte[] entry(ZipFile zip, String name, Path path) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new VemsegException.Corrupt(path + ": not a vemseg pre-training checkpoint (missing " + name + ")");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
