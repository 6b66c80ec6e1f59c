package org.vemseg.nn.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.vemseg.core.VemsegException;

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
     * @param bestScore best validation foreground IoU, or −1
     */
    public record State(String config, int frames, long iteration, long total, boolean totalFixed,
            double seconds, long rngState, double bestScore, long bestIteration, double[] bestIoU, double[] bestF1,
            boolean finished) {
    }

    private static final Gson GSON = new Gson();

    public void save(Path path) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("state.json", GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
        entries.put("params", params);
        entries.put("optimizer", optimizer);
        if (bestParams != null) {
            entries.put("best.params", bestParams);
        }
        AtomicZip.write(path, entries);
    }

    public static Checkpoint load(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            State s = GSON.fromJson(new String(entry(zip, "state.json", path), StandardCharsets.UTF_8), State.class);
            byte[] best = zip.getEntry("best.params") == null ? null : entry(zip, "best.params", path);
            return new Checkpoint(s, entry(zip, "params", path), entry(zip, "optimizer", path), best);
        } catch (ZipException | JsonParseException e) {
            throw new VemsegException.Corrupt(path + ": not a vemseg checkpoint (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read checkpoint", e);
        }
    }

    private static byte[] entry(ZipFile zip, String name, Path path) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new VemsegException.Corrupt(path + ": not a vemseg checkpoint (missing entry " + name + ")");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
