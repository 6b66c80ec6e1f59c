package org.vemseg.nn.bmz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.predict.InputNormalization;

/**
 * What vemseg needs to run a bioimage.io model package with TorchScript weights through its tiled prediction: a
 * 2D network with axes batch, channel (the z frames), y, x in and batch, channel (the classes), y, x out, its
 * normalisation (fixed, or per sample: per plane, see {@link Preprocessing}), the tile step and the halo. Anything
 * vemseg cannot run as such is refused in one line naming it: other axes (time, z, ...), per-dataset or per-channel
 * normalisation, missing TorchScript weights, weights whose sha256 differs from the rdf.yaml's.
 *
 * @param frames input channels (consecutive z slices, 1, 3, 5, ...)
 * @param classes output channels; a single channel is a foreground probability
 * @param step tile height and width must be multiples of this
 * @param halo pixels to discard on each side of an output tile (0 when the package gives none)
 * @param normalization how raw input is normalised (preprocessing)
 * @param activation what makes the output probabilities (postprocessing {@code sigmoid} or {@code softmax})
 * @param weights the TorchScript file's bytes
 */
public record BmzModel(Path source, String name, int frames, int classes, int step, int halo,
        InputNormalization normalization, OutputActivation activation, byte[] weights, Optional<TestTensors> test) {

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
        InputNormalization norm = Preprocessing.fromRdf(path, BmzPackage.maps(in.get("preprocessing")));
        OutputActivation activation = OutputActivation.NONE;
        for (Map<String, Object> post : BmzPackage.maps(out.get("postprocessing"))) {
            if ("sigmoid".equals(post.get("id"))) {
                activation = OutputActivation.SIGMOID;
            } else if ("softmax".equals(post.get("id"))) {
                activation = OutputActivation.SOFTMAX;
            }
        }
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
        return new BmzModel(path, p.name(), frames, classes, step, halo, norm, activation, weights, test);
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
