package org.vemseg.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.vemseg.core.VemsegException;

/**
 * The folder the demo writes into. A folder the demo wrote before is its own, and a rerun replaces it: a new user's
 * second try must work as the first did. Any other folder with content is refused before any work, so that
 * {@code --out} never deletes or overwrites a user's files.
 *
 * <p>The demo's folder holds nothing but the demo's outputs, and {@value #MARKER}, written before any of them (so an
 * interrupted demo's folder is recognised too), or, from versions that wrote no marker, the first output. A file
 * the user added to the folder is kept: the demo then refuses, naming it.
 */
public final class DemoFolder {

    /** Written first into the demo's folder; says what the folder is to whoever looks into it. */
    public static final String MARKER = "vemseg-demo.txt";

    /** The model; its log and checkpoints are named after it. */
    static final String MODEL = "mito.vsm";

    /** Every output the demo writes, the first first (hidden temporaries while writing are named after them). */
    static final List<String> OUTPUTS = List.of("train-images.ome.zarr", "train-labels.ome.zarr",
            "test-images.ome.zarr", "test-labels.ome.zarr", MODEL, "test-mito-prob.ome.zarr", "analysis");

    private DemoFolder() {
    }

    /**
     * Makes {@code dir} an empty demo folder: creates it, or empties an earlier demo's.
     *
     * @return whether an earlier demo's output was removed
     * @throws VemsegException.InvalidInput if {@code dir} is a file, or a folder with content the demo did not write
     */
    static boolean prepare(Path dir) {
        boolean replaced = false;
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new VemsegException.InvalidInput(dir + ": exists and is not a folder; choose another --out");
            }
            List<Path> entries = list(dir);
            if (!entries.isEmpty()) {
                Optional<Path> foreign = entries.stream().filter(p -> !isDemoOutput(p.getFileName().toString()))
                        .findFirst();
                boolean demos = Files.exists(dir.resolve(MARKER)) || Files.exists(dir.resolve(OUTPUTS.get(0)));
                if (foreign.isPresent() || !demos) {
                    throw new VemsegException.InvalidInput(dir + ": not a folder the demo wrote (it holds "
                            + foreign.orElse(entries.get(0)).getFileName() + "); give --out a new or empty folder");
                }
                entries.forEach(DemoFolder::delete);
                replaced = true;
            }
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Written by vemseg demo. Running the demo again with this folder "
                    + "as --out replaces its outputs (unless you added files of your own here).\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(dir, "create the demo's folder", e);
        }
        return replaced;
    }

    /** An output of the demo, or a file named after one: the model's log and checkpoints, hidden temporaries. */
    public static boolean isDemoOutput(String name) {
        return name.equals(MARKER) || name.startsWith(MODEL + ".") || OUTPUTS.stream()
                .anyMatch(o -> name.equals(o) || name.startsWith("." + o + "."));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw VemsegException.IO.of(dir, "list the demo's folder", e);
        }
    }

    private static void delete(Path entry) {
        try (Stream<Path> walk = Files.walk(entry)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(entry, "remove the earlier demo's output", e);
        }
    }
}
