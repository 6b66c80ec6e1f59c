package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.vemseg.nn.bmz.BmzPackage;

/** Prints what a bioimage.io model package holds for {@code vemseg info}: tensors, axes, processing, weights. */
final class PackageInfo {

    private PackageInfo() {
    }

    /** Whether {@code path} looks like a model package: a {@code .zip}, or a folder with an rdf.yaml. */
    static boolean isPackage(Path path) {
        String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || Files.isRegularFile(path.resolve("rdf.yaml"))
                || Files.isRegularFile(path.resolve("bioimageio.yaml"));
    }

    static void print(Path path, PrintWriter out) {
        BmzPackage p = BmzPackage.open(path);
        out.println(path);
        row(out, "format", "bioimage.io model " + p.formatVersion());
        row(out, "name", p.name());
        row(out, "license", String.valueOf(p.rdf().get("license")));
        for (Map<String, Object> t : p.inputs()) {
            tensor(out, p, "input", t);
        }
        for (Map<String, Object> t : p.outputs()) {
            tensor(out, p, "output", t);
        }
        for (Map.Entry<String, Map<String, Object>> w : p.weights().entrySet()) {
            Map<String, Object> d = w.getValue();
            String detail = String.valueOf(d.get("source"));
            if (d.get("architecture") instanceof Map<?, ?> a) {
                detail += ", architecture " + a.get("source") + ":" + a.get("callable") + " " + a.get("kwargs");
            }
            if (d.get("pytorch_version") != null) {
                detail += ", pytorch " + d.get("pytorch_version");
            }
            row(out, "weights", w.getKey() + " (" + detail + ")");
        }
        out.flush();
    }

    private static void tensor(PrintWriter out, BmzPackage p, String kind, Map<String, Object> t) {
        String type = t.get("data") instanceof Map<?, ?> d ? String.valueOf(d.get("type")) : "float32";
        row(out, kind, t.get("id") + ": " + type + ", axes " + axes(t.get("axes")));
        for (String key : List.of("preprocessing", "postprocessing")) {
            if (t.get(key) instanceof List<?> steps && !steps.isEmpty()) {
                row(out, "", key + " " + steps.stream().map(PackageInfo::step).collect(Collectors.joining(", ")));
            }
        }
        BmzPackage.source(t.get("test_tensor")).ifPresent(s -> row(out, "", "test tensor " + s + " ("
                + (p.has(s) ? p.npySummary(s) : "missing") + ")"));
    }

    private static String axes(Object axes) {
        List<String> out = new ArrayList<>();
        if (axes instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> a) {
                    out.add(axis(a));
                }
            }
        } else {
            out.add(String.valueOf(axes));
        }
        return String.join(", ", out);
    }

    private static String axis(Map<?, ?> a) {
        String type = String.valueOf(a.get("type"));
        String id = a.get("id") != null ? String.valueOf(a.get("id")) : type;
        List<String> details = new ArrayList<>();
        if (a.get("channel_names") instanceof List<?> names) {
            details.add(names.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        Object size = a.get("size");
        if (size instanceof Map<?, ?> s && s.containsKey("min")) {
            details.add("min " + s.get("min") + " step " + s.get("step"));
        } else if (size instanceof Map<?, ?> s && s.containsKey("tensor_id")) {
            details.add("= " + s.get("tensor_id") + "." + s.get("axis_id"));
        } else if (size != null) {
            details.add(String.valueOf(size));
        }
        if (a.get("halo") != null) {
            details.add("halo " + a.get("halo"));
        }
        if (a.get("scale") != null) {
            details.add(a.get("scale") + " " + (a.get("unit") == null ? "" : a.get("unit")));
        }
        return details.isEmpty() ? id : id + " (" + String.join(", ", details).trim() + ")";
    }

    private static String step(Object o) {
        if (!(o instanceof Map<?, ?> s)) {
            return String.valueOf(o);
        }
        String kwargs = s.get("kwargs") instanceof Map<?, ?> k && !k.isEmpty() ? k.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "(", ")")) : "";
        return s.get("id") + kwargs;
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "  %-11s %s%n", key, value);
    }
}
