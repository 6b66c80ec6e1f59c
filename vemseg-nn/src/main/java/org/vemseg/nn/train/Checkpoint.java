package org.vemseg.nn.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
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
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                put(zip, "state.json", GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
                put(zip, "params", params);
                put(zip, "optimizer", optimizer);
                if (bestParams != null) {
                    put(zip, "best.params", bestParams);
                }
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw VemsegException.IO.of(path, "write checkpoint", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
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
