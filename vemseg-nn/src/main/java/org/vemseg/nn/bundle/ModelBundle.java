package org.vemseg.nn.bundle;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;

/**
 * A trained model in a {@code .vsm} file: a zip holding {@code manifest.json} ({@link ModelManifest}) and one
 * DJL parameter file per member network ({@code members/<i>.params}). A single model is an ensemble of one.
 *
 * <p>The bundle owns its member blocks, whose parameters live on the manager given to {@link #load}; the
 * caller closes that manager.
 */
public final class ModelBundle {

    public static final String MANIFEST_ENTRY = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private final ModelManifest manifest;
    private final List<Block> members;

    /** @param members initialised blocks, one per {@link ModelManifest#members()} entry, same order */
    public ModelBundle(ModelManifest manifest, List<Block> members) {
        if (manifest.members().size() != members.size()) {
            throw new IllegalArgumentException("manifest lists " + manifest.members().size() + " members but "
                    + members.size() + " blocks were given");
        }
        this.manifest = manifest;
        this.members = List.copyOf(members);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public List<Block> members() {
        return members;
    }

    /** Conventional zip entry name of member {@code i}'s parameters. */
    public static String weightsEntry(int i) {
        return "members/" + i + ".params";
    }

    /** Writes the bundle atomically: a temporary sibling, renamed over {@code path} when complete. */
    public void save(Path path, boolean overwrite) {
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try (ZipOutputStream zip =
                    new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(out.temp())))) {
                zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
                zip.write(GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (int i = 0; i < members.size(); i++) {
                    zip.putNextEntry(new ZipEntry(manifest.members().get(i).weights()));
                    zip.write(parameters(members.get(i)));
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write model", e);
            }
            out.commit();
        }
    }

    /** Serialised DJL parameters of a block (also used for checkpoints). */
    public static byte[] parameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise parameters in memory", e);
        }
        return bytes.toByteArray();
    }

    /** Loads parameters written by {@link #parameters} into an initialised block of the same structure. */
    public static void loadParameters(Block block, byte[] params, NDManager manager, String source) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new VemsegException.Corrupt(source + ": weights do not fit the network (" + e.getMessage() + ")", e);
        }
    }

    /** What {@link #copyParameters} does with a parameter whose shape differs from its counterpart's. */
    @FunctionalInterface
    public interface ShapeMismatch {
        /**
         * Fills {@code to} from {@code from} in its own way and returns true, returns false to leave {@code to} as
         * it is, or throws.
         */
        boolean handle(String name, NDArray from, NDArray to);
    }

    /**
     * Copies the parameters of {@code from} into those of {@code to}, an initialised block of the same structure
     * (parameter for parameter, names checked), where the two differ only in some shapes: equal shapes are
     * copied, the others go to {@code mismatch}. Returns how many parameters {@code mismatch} left untouched;
     * throws Corrupt naming {@code source} if the blocks' parameters do not pair up.
     */
    public static int copyParameters(Block from, Block to, String source, ShapeMismatch mismatch) {
        ParameterList a = from.getParameters();
        ParameterList b = to.getParameters();
        if (a.size() != b.size()) {
            throw new VemsegException.Corrupt(source + ": weights do not fit the network (" + a.size()
                    + " parameters, the network has " + b.size() + ")");
        }
        int left = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.keyAt(i).equals(b.keyAt(i))) {
                throw new VemsegException.Corrupt(source + ": weights do not fit the network (parameter "
                        + a.keyAt(i) + " where " + b.keyAt(i) + " was expected)");
            }
            NDArray x = a.valueAt(i).getArray();
            NDArray y = b.valueAt(i).getArray();
            if (x.getShape().equals(y.getShape())) {
                x.copyTo(y);
            } else if (!mismatch.handle(a.keyAt(i), x, y)) {
                left++;
            }
        }
        return left;
    }

    /** Reads only the manifest (for {@code vemseg info}); validates the format version. */
    public static ModelManifest readManifest(Path path) {
        try (ZipFile zip = open(path)) {
            return manifest(zip, path);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read model", e);
        }
    }

    /** Loads and validates a bundle, rebuilding each member network with its weights on {@code manager}. */
    public static ModelBundle load(Path path, NDManager manager) {
        Stored stored = readStored(path);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < stored.weights().size(); i++) {
            Block block = stored.manifest().members().get(i).spec().newInitializedBlock(manager);
            loadParameters(block, stored.weights().get(i), manager, path.toString());
            blocks.add(block);
        }
        return new ModelBundle(stored.manifest(), blocks);
    }

    /**
     * A bundle as stored: its validated manifest and each member's serialised weights ({@link #parameters}), in
     * member order, read without building any network.
     */
    public record Stored(ModelManifest manifest, List<byte[]> weights) {

        public Stored {
            weights = List.copyOf(weights);
        }
    }

    /** Reads a bundle's manifest and weights once, e.g. to check them before any network is built. */
    public static Stored readStored(Path path) {
        try (ZipFile zip = open(path)) {
            ModelManifest manifest = manifest(zip, path);
            List<byte[]> weights = new ArrayList<>();
            for (MemberManifest m : manifest.members()) {
                try {
                    m.spec();
                } catch (IllegalArgumentException e) {
                    throw corrupt(path, "bad member description: " + e.getMessage());
                }
                weights.add(entry(zip, m.weights(), path));
            }
            return new Stored(manifest, weights);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read model", e);
        }
    }

    private static ZipFile open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw VemsegException.IO.of(path, "read model", new java.nio.file.NoSuchFileException(path.toString()));
        }
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw corrupt(path, "not a zip file");
        }
    }

    private static ModelManifest manifest(ZipFile zip, Path path) throws IOException {
        String json = new String(entry(zip, MANIFEST_ENTRY, path), StandardCharsets.UTF_8);
        ModelManifest m;
        try {
            m = GSON.fromJson(json, ModelManifest.class);
        } catch (JsonParseException e) {
            throw corrupt(path, "unreadable manifest.json: " + e.getMessage());
        }
        if (m == null || m.formatVersion() == null) {
            throw corrupt(path, "manifest.json has no formatVersion");
        }
        int major;
        try {
            major = Integer.parseInt(m.formatVersion().split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw corrupt(path, "bad formatVersion '" + m.formatVersion() + "'");
        }
        if (major != ModelManifest.FORMAT_MAJOR) {
            throw new VemsegException.Unsupported(path + ": model format version " + m.formatVersion()
                    + " (written by vemseg " + m.vemsegVersion()
                    + ") cannot be read by this vemseg, which reads format " + ModelManifest.FORMAT_MAJOR + ".x");
        }
        if (m.members() == null || m.members().isEmpty() || m.normalisation() == null || m.classNames() == null) {
            throw corrupt(path, "manifest.json lacks members, classNames or normalisation");
        }
        if (m.calibration() != null && !(m.calibration().threshold() > 0 && m.calibration().threshold() < 1)) {
            throw corrupt(path, "calibrated threshold " + m.calibration().threshold() + " is not in (0, 1)");
        }
        return m;
    }

    private static byte[] entry(ZipFile zip, String name, Path path) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw corrupt(path, "missing entry " + name);
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (ZipException ex) {
            throw corrupt(path, "damaged entry " + name);
        }
    }

    private static VemsegException.Corrupt corrupt(Path path, String detail) {
        return new VemsegException.Corrupt(path + ": not a vemseg model (" + detail + ")");
    }

    /** The manifest as pretty JSON text. */
    public static String toJson(ModelManifest manifest) {
        return GSON.toJson(manifest);
    }
}
