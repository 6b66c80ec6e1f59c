package org.vemseg.nn.bmz;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.model.Architecture;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The {@code rdf.yaml} of a bioimage.io model package, format 0.5: what the model is, its input and output
 * tensors with axes, tile sizes, halo and preprocessing, and its {@code pytorch_state_dict} weights with the
 * architecture that loads them.
 *
 * <p>The input is the raw image as float32, N × F × Y × X, its F consecutive z frames as channels; the one
 * preprocessing step is vemseg's fixed normalisation (raw − mean) / std with the training set's mean and std. The
 * output is N × classes × Y × X probabilities (softmax), the same size as the input; its halo is vemseg's.
 */
final class RdfYaml {

    static final String FORMAT_VERSION = "0.5.4";
    static final String INPUT_ID = "raw";
    static final String OUTPUT_ID = "probabilities";

    private RdfYaml() {
    }

    /** The rdf.yaml text. {@code sha256} maps each file name of the package to its checksum. */
    static String of(MemberExport m, BmzOptions options, Map<String, String> sha256) {
        Map<String, Object> rdf = new LinkedHashMap<>();
        rdf.put("type", "model");
        rdf.put("format_version", FORMAT_VERSION);
        rdf.put("name", name(m));
        rdf.put("description", description(m));
        List<Object> authors = new ArrayList<>();
        options.authors().forEach(a -> authors.add(Map.of("name", a)));
        rdf.put("authors", authors);
        rdf.put("cite", cite(m.spec().architecture()));
        rdf.put("license", options.license());
        rdf.put("documentation", BmzFiles.README);
        rdf.put("covers", List.of(BmzFiles.COVER));
        rdf.put("tags", List.of("vemseg", "electron-microscopy", "volume-em", "semantic-segmentation", "2d",
                "pytorch", m.spec().architecture().id()));
        rdf.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        rdf.put("inputs", List.of(input(m, sha256)));
        rdf.put("outputs", List.of(output(m, sha256)));
        rdf.put("weights", Map.of("pytorch_state_dict", weights(m, sha256)));
        rdf.put("config", Map.of("vemseg", vemsegConfig(m)));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(120);
        return new Yaml(o).dump(rdf);
    }

    /** Letters, digits, spaces, hyphens and parentheses only: the spec restricts names. */
    private static String name(MemberExport m) {
        String base = m.modelName().replaceAll("[^A-Za-z0-9 _-]+", " ").trim();
        String n = base + " " + m.spec().architecture().id() + " " + m.spec().frames() + " frame"
                + (m.spec().frames() == 1 ? "" : "s") + (m.of() > 1 ? " (member " + (m.index() + 1) + " of "
                        + m.of() + ")" : "");
        return n.length() > 128 ? n.substring(0, 128).trim() : n;
    }

    private static String description(MemberExport m) {
        return "Semantic segmentation of volume EM (" + String.join(", ", m.manifest().classNames())
                + ") trained with vemseg: a 2D " + m.spec().architecture().id() + " network that sees "
                + m.spec().frames() + " consecutive z slice(s) and segments the centre one."
                + (m.of() > 1 ? " Member " + (m.index() + 1) + " of a " + m.of() + "-member vemseg ensemble, whose "
                        + "probabilities vemseg averages; this package holds this member alone." : "");
    }

    private static List<Object> cite(Architecture a) {
        List<Object> cite = new ArrayList<>();
        cite.add(Map.of("text", "vemseg: volume-EM segmentation toolkit", "url", "https://github.com/vemseg"));
        if (a == Architecture.DEEPEM3D) {
            cite.add(Map.of("text", "Haberl M. G. et al. CDeep3M - Plug-and-Play cloud-based deep learning for image "
                    + "segmentation. Nature Methods 15, 677-680 (2018).", "doi", "10.1038/s41592-018-0106-z"));
        } else {
            cite.add(Map.of("text", "Conrad R. and Narayan K. CEM500K, a large-scale heterogeneous unlabeled cellular "
                    + "electron microscopy image dataset for deep learning. eLife 10, e65894 (2021).",
                    "doi", "10.7554/eLife.65894"));
        }
        return cite;
    }

    private static Map<String, Object> input(MemberExport m, Map<String, String> sha256) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", INPUT_ID);
        t.put("description", "Raw EM intensities in the units of the training images (e.g. 0-255 for 8-bit). "
                + (m.spec().frames() == 1 ? "One z slice." : "Channels are the z slices z-" + m.spec().zRadius()
                        + " ... z+" + m.spec().zRadius() + "; the centre slice is segmented."));
        List<Object> axes = new ArrayList<>();
        axes.add(Map.of("type", "batch"));
        axes.add(Map.of("type", "channel", "channel_names", frameNames(m.spec().frames()),
                "description", "consecutive z slices"));
        for (String id : List.of("y", "x")) {
            // a map of its own per axis: a shared one would be written as a YAML anchor and alias
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("min", m.minSize());
            size.put("step", m.step());
            Map<String, Object> a = spaceAxis(m, id);
            a.put("size", size);
            axes.add(a);
        }
        t.put("axes", axes);
        t.put("data", Map.of("type", "float32"));
        t.put("test_tensor", file(BmzFiles.TEST_INPUT, sha256));
        Normalisation n = m.manifest().normalisation();
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("mean", n.mean());
        fixed.put("std", n.std());
        t.put("preprocessing", List.of(Map.of("id", "ensure_dtype", "kwargs", Map.of("dtype", "float32")),
                Map.of("id", "fixed_zero_mean_unit_variance", "kwargs", fixed)));
        return t;
    }

    private static Map<String, Object> output(MemberExport m, Map<String, String> sha256) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", OUTPUT_ID);
        t.put("description", "Class probabilities (softmax) of the centre slice; discard " + m.halo()
                + " pixels on each side of a tile (the halo) and blend overlapping tiles, as vemseg does.");
        List<Object> axes = new ArrayList<>();
        axes.add(Map.of("type", "batch"));
        axes.add(Map.of("type", "channel", "channel_names", identifiers(m.manifest().classNames())));
        for (String id : List.of("y", "x")) {
            Map<String, Object> a = spaceAxis(m, id);
            a.put("size", Map.of("tensor_id", INPUT_ID, "axis_id", id));
            a.put("halo", m.halo());
            axes.add(a);
        }
        t.put("axes", axes);
        t.put("data", Map.of("type", "float32", "range", List.of(0.0, 1.0)));
        t.put("test_tensor", file(BmzFiles.TEST_OUTPUT, sha256));
        return t;
    }

    private static Map<String, Object> spaceAxis(MemberExport m, String id) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "space");
        a.put("id", id);
        double[] voxel = m.manifest().voxelSizeNm();
        if (voxel != null) {
            a.put("unit", "nanometer");
            a.put("scale", voxel[id.equals("y") ? 1 : 2]);
        }
        return a;
    }

    private static Map<String, Object> weights(MemberExport m, Map<String, String> sha256) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("frames", m.spec().frames());
        kwargs.put("classes", m.spec().classes());
        kwargs.put("width", m.spec().width());
        m.spec().architecture().encoder().ifPresent(e -> kwargs.put("encoder", e.id()));
        kwargs.put("downsample", m.downsample());
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("source", BmzFiles.ARCHITECTURE);
        arch.put("sha256", sha256.get(BmzFiles.ARCHITECTURE));
        arch.put("callable", callable(m.spec().architecture()));
        arch.put("kwargs", kwargs);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("source", BmzFiles.WEIGHTS);
        w.put("sha256", sha256.get(BmzFiles.WEIGHTS));
        w.put("architecture", arch);
        w.put("pytorch_version", "1.13");
        return w;
    }

    static String callable(Architecture a) {
        return a == Architecture.DEEPEM3D ? "DeepEm3d" : "ResUNet";
    }

    private static Map<String, Object> vemsegConfig(MemberExport m) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architecture", m.spec().architecture().id());
        c.put("frames", m.spec().frames());
        c.put("width", m.spec().width());
        c.put("downsample", m.downsample());
        c.put("tile_multiple", m.step());
        c.put("halo", m.halo());
        c.put("member", m.index());
        c.put("members", m.of());
        c.put("vemseg_version", m.manifest().vemsegVersion());
        return c;
    }

    private static Map<String, Object> file(String name, Map<String, String> sha256) {
        return Map.of("source", name, "sha256", sha256.get(name));
    }

    /** z, or z_minus2 … z_plus2: channel names must be identifiers. */
    static List<String> frameNames(int frames) {
        List<String> names = new ArrayList<>();
        int r = frames / 2;
        for (int d = -r; d <= r; d++) {
            names.add(d == 0 ? "z" : d < 0 ? "z_minus" + -d : "z_plus" + d);
        }
        return names;
    }

    private static List<String> identifiers(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String id = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
            out.add(id.isEmpty() || Character.isDigit(id.charAt(0)) ? "class_" + id : id);
        }
        return out;
    }
}
