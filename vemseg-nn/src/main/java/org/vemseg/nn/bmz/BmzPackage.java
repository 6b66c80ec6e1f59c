package org.vemseg.nn.bmz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.vemseg.core.VemsegException;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A bioimage.io model package as stored, a {@code .zip} or a folder: its {@code rdf.yaml} (or
 * {@code bioimageio.yaml}) parsed and checked for the fields format 0.5 requires, and its files, read on demand.
 * Only format 0.5.x is read; an older or non-model description is refused with one line naming what it is.
 */
public final class BmzPackage {

    /** Fields every 0.5 model description has (the spec's required fields). */
    static final List<String> REQUIRED = List.of("type", "format_version", "name", "description", "authors", "cite",
            "license", "inputs", "outputs", "weights");
    private static final List<String> DESCRIPTION_NAMES = List.of("rdf.yaml", "bioimageio.yaml");
    private static final Pattern NPY_SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

    private final Path path;
    private final Map<String, Object> rdf;

    private BmzPackage(Path path, Map<String, Object> rdf) {
        this.path = path;
        this.rdf = rdf;
    }

    /** Opens and checks a package; throws a one-line VemsegException when it is not a readable 0.5 model. */
    public static BmzPackage open(Path path) {
        BmzPackage p = new BmzPackage(path, Map.of());
        String name = DESCRIPTION_NAMES.stream().filter(p::has).findFirst().orElseThrow(() -> corrupt(path,
                "no rdf.yaml or bioimageio.yaml"));
        Object parsed;
        try {
            parsed = new Yaml().load(new String(p.file(name), StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw corrupt(path, name + " is not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw corrupt(path, name + " is not a YAML mapping");
        }
        Map<String, Object> rdf = new LinkedHashMap<>();
        m.forEach((k, v) -> rdf.put(String.valueOf(k), v));
        List<String> missing = REQUIRED.stream().filter(k -> !rdf.containsKey(k)).toList();
        if (!"model".equals(rdf.get("type"))) {
            throw new VemsegException.Unsupported(path + ": a bioimage.io " + rdf.get("type") + ", not a model");
        }
        String version = String.valueOf(rdf.get("format_version"));
        if (!version.startsWith("0.5.")) {
            throw new VemsegException.Unsupported(path + ": bioimage.io model format " + version
                    + "; vemseg reads format 0.5.x (bioimageio.core can update older packages)");
        }
        if (!missing.isEmpty()) {
            throw corrupt(path, name + " lacks the required field(s) " + String.join(", ", missing));
        }
        return new BmzPackage(path, rdf);
    }

    public Path path() {
        return path;
    }

    /** The parsed description (keys in file order). */
    public Map<String, Object> rdf() {
        return rdf;
    }

    public String name() {
        return String.valueOf(rdf.get("name"));
    }

    public String formatVersion() {
        return String.valueOf(rdf.get("format_version"));
    }

    /** The input tensor descriptions, in order. */
    public List<Map<String, Object>> inputs() {
        return maps(rdf.get("inputs"));
    }

    public List<Map<String, Object>> outputs() {
        return maps(rdf.get("outputs"));
    }

    /** Weights formats present, e.g. pytorch_state_dict, torchscript, onnx, with their descriptions. */
    public Map<String, Map<String, Object>> weights() {
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        if (rdf.get("weights") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> w.put(String.valueOf(k), map(v)));
        }
        return w;
    }

    /** Whether the package holds a file of that name. */
    public boolean has(String name) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(name));
        }
        try (ZipFile z = zip()) {
            return z.getEntry(name) != null;
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read model package", e);
        }
    }

    /** The bytes of a file of the package. */
    public byte[] file(String name) {
        try {
            if (Files.isDirectory(path)) {
                return Files.readAllBytes(path.resolve(name));
            }
            try (ZipFile z = zip()) {
                ZipEntry e = z.getEntry(name);
                if (e == null) {
                    throw corrupt(path, "missing file " + name);
                }
                try (InputStream in = z.getInputStream(e)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(path.resolve(name), "read model package file", e);
        }
    }

    /** dtype and shape of a {@code .npy} file of the package, e.g. "float32 1 × 3 × 416 × 416". */
    public String npySummary(String name) {
        byte[] b = file(name);
        if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N') {
            return "not a .npy file";
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, Math.min(headerLength, b.length - start), StandardCharsets.US_ASCII);
        Matcher shape = NPY_SHAPE.matcher(header);
        Matcher descr = NPY_DESCR.matcher(header);
        String dims = shape.find() ? String.join(" × ", shape.group(1).replace(" ", "").split(",")) : "?";
        return (descr.find() ? descr.group(1) : "?") + " " + dims;
    }

    /** The {@code source} of a file reference ({@code {source: ..., sha256: ...}}), if any. */
    public static Optional<String> source(Object ref) {
        return ref instanceof Map<?, ?> m && m.get("source") != null ? Optional.of(String.valueOf(m.get("source")))
                : Optional.empty();
    }

    private ZipFile zip() throws IOException {
        if (!Files.isRegularFile(path)) {
            throw VemsegException.IO.of(path, "read model package", new java.nio.file.NoSuchFileException(
                    path.toString()));
        }
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw corrupt(path, "not a zip file");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(map(x)));
        }
        return out;
    }

    private static VemsegException.Corrupt corrupt(Path path, String detail) {
        return new VemsegException.Corrupt(path + ": not a bioimage.io model package (" + detail + ")");
    }
}
