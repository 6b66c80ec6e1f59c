package org.vemseg.nn.bmz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vemseg.core.VemsegException;

/**
 * What vemseg needs to run a bioimage.io model package with TorchScript weights through its tiled prediction: a
 * 2D network with axes batch, channel (the z frames), y, x in and batch, channel (the classes), y, x out, fixed
 * normalisation, the tile step and the halo. Anything vemseg cannot run as such is refused in one line naming
 * it: other axes (time, z, ...), per-sample normalisation, missing TorchScript weights, weights whose sha256
 * differs from the rdf.yaml's.
 *
 * @param frames input channels (consecutive z slices, 1, 3, 5, ...)
 * @param classes output channels; a single channel is a foreground probability
 * @param step tile height and width must be multiples of this
 * @param halo pixels to discard on each side of an output tile (0 when the package gives none)
 * @param mean normalised input = (raw − mean) / std
 * @param sigmoid whether the output is logits to pass through a sigmoid (postprocessing {@code sigmoid})
 * @param weights the TorchScript file's bytes
 */
public record BmzModel(Path source, String name, int frames, int classes, int step, int halo, double mean,
        double std, boolean sigmoid, byte[] weights, Optional<TestTensors> test) {

    /** The package's test input (raw) and expected output, float32, with their shapes. */
    public record TestTensors(long[] inputShape, float[] input, long[] outputShape, float[] output) {
    }

    /** Reads and checks a package for prediction. */
    public static BmzModel read(Path path) {
        BmzPackage p = BmzPackage.open(path);
        List<Map<String, Object>> inputs = p.inputs();
        List<Map<String, Object>> outputs = p.outputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw unsupported(path, inputs.size() + " inputs and " + outputs.size() + " outputs; vemseg runs models "
                    + "with one of each");
        }
        Map<String, Object> in = inputs.get(0);
        Map<String, Object> out = outputs.get(0);
        List<Map<String, Object>> inAxes = axes(path, "input", in);
        List<Map<String, Object>> outAxes = axes(path, "output", out);
        int frames = channels(inAxes.get(1));
        int classes = channels(outAxes.get(1));
        if (frames % 2 == 0) {
            throw unsupported(path, "input has " + frames + " channels; vemseg feeds an odd number of z slices");
        }
        int step = step(inAxes.get(2));
        int halo = outAxes.get(2).get("halo") instanceof Number h ? h.intValue() : 0;
        double[] norm = normalisation(path, in);
        boolean sigmoid = BmzPackage.maps(out.get("postprocessing")).stream()
                .anyMatch(s -> "sigmoid".equals(s.get("id")));
        Map<String, Object> ts = p.weights().get("torchscript");
        if (ts == null) {
            throw unsupported(path, "no torchscript weights (it has " + String.join(", ", p.weights().keySet())
                    + "); vemseg runs TorchScript");
        }
        byte[] weights = checked(p, ts, "torchscript weights");
        Optional<TestTensors> test = Optional.empty();
        Optional<String> tin = BmzPackage.source(in.get("test_tensor"));
        Optional<String> tout = BmzPackage.source(out.get("test_tensor"));
        if (tin.isPresent() && tout.isPresent() && p.has(tin.get()) && p.has(tout.get())) {
            test = Npy.readFloat32(checked(p, BmzPackage.map(in.get("test_tensor")), "test input")).flatMap(a ->
                    Npy.readFloat32(checked(p, BmzPackage.map(out.get("test_tensor")), "test output")).map(b ->
                            new TestTensors(a.shape(), a.values(), b.shape(), b.values())));
        }
        return new BmzModel(path, p.name(), frames, classes, step, halo, norm[0], norm[1], sigmoid, weights, test);
    }

    /** axes batch, channel, y, x, or a one-line refusal. */
    private static List<Map<String, Object>> axes(Path path, String which, Map<String, Object> tensor) {
        List<Map<String, Object>> axes = BmzPackage.maps(tensor.get("axes"));
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> a : axes) {
            String type = String.valueOf(a.get("type"));
            ids.add(type.equals("space") ? String.valueOf(a.get("id")) : type);
        }
        if (!ids.equals(List.of("batch", "channel", "y", "x"))) {
            throw unsupported(path, which + " axes " + String.join(",", ids) + "; vemseg runs 2D models with axes "
                    + "batch,channel,y,x (z slices as channels)");
        }
        return axes;
    }

    private static int channels(Map<String, Object> axis) {
        if (axis.get("channel_names") instanceof List<?> names) {
            return names.size();
        }
        return axis.get("size") instanceof Number n ? n.intValue() : 1;
    }

    private static int step(Map<String, Object> axis) {
        if (axis.get("size") instanceof Map<?, ?> s && s.get("step") instanceof Number n && n.intValue() > 0) {
            return n.intValue();
        }
        return 1;
    }

    /** mean and std of a fixed normalisation (the raw values when there is none). */
    private static double[] normalisation(Path path, Map<String, Object> in) {
        double mean = 0;
        double std = 1;
        for (Map<String, Object> step : BmzPackage.maps(in.get("preprocessing"))) {
            String id = String.valueOf(step.get("id"));
            Map<String, Object> kw = BmzPackage.map(step.get("kwargs"));
            switch (id) {
                case "ensure_dtype" -> {
                    // vemseg always feeds float32
                }
                case "fixed_zero_mean_unit_variance" -> {
                    mean = number(path, kw, "mean");
                    std = number(path, kw, "std");
                }
                case "scale_linear" -> {
                    double gain = kw.containsKey("gain") ? number(path, kw, "gain") : 1;
                    double offset = kw.containsKey("offset") ? number(path, kw, "offset") : 0;
                    // gain × raw + offset = (raw − mean) / std
                    mean = -offset / gain;
                    std = 1 / gain;
                }
                default -> throw unsupported(path, "preprocessing " + id + " (per-sample statistics); vemseg "
                        + "normalises every tile alike: fixed_zero_mean_unit_variance or scale_linear");
            }
        }
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new VemsegException.Corrupt(path + ": bad normalisation (mean " + mean + ", std " + std + ")");
        }
        return new double[] {mean, std};
    }

    private static double number(Path path, Map<String, Object> kw, String key) {
        if (kw.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw unsupported(path, "normalisation " + key + " " + kw.get(key) + "; vemseg needs one number for all "
                + "channels");
    }

    /** A referenced file, its sha256 checked when the rdf gives one. */
    private static byte[] checked(BmzPackage p, Map<String, Object> ref, String what) {
        String source = BmzPackage.source(ref).orElseThrow(() -> new VemsegException.Corrupt(p.path() + ": "
                + what + " without a source"));
        byte[] bytes = p.file(source);
        Object sha = ref.get("sha256");
        if (sha != null && !Sha256.of(bytes).equalsIgnoreCase(String.valueOf(sha))) {
            throw new VemsegException.Corrupt(p.path() + ": the sha256 of " + what + " " + source
                    + " does not match rdf.yaml (damaged or replaced file)");
        }
        return bytes;
    }

    private static VemsegException.Unsupported unsupported(Path path, String detail) {
        return new VemsegException.Unsupported(path + ": " + detail);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s): %d frame(s), %d class(es), step %d, halo %d", source.getFileName(),
                name, frames, classes, step, halo);
    }
}
