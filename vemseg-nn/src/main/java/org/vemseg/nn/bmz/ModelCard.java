package org.vemseg.nn.bmz;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.bundle.Provenance;

/** The README.md of a package: what the model does, how to use it, and how it was trained. */
final class ModelCard {

    private ModelCard() {
    }

    static String of(MemberExport m) {
        StringBuilder s = new StringBuilder();
        List<String> classes = m.manifest().classNames();
        Normalisation n = m.manifest().normalisation();
        s.append("# ").append(m.modelName()).append(" (vemseg ").append(m.spec().architecture().id()).append(", ")
                .append(m.spec().frames()).append(" frame").append(m.spec().frames() == 1 ? "" : "s").append(")\n\n");
        s.append("Semantic segmentation of volume electron microscopy into ").append(String.join(", ", classes))
                .append(", exported as a bioimage.io package by vemseg from `").append(m.modelName())
                .append(".vsm`.\n\n");
        if (m.of() > 1) {
            s.append("This is member ").append(m.index() + 1).append(" of a ").append(m.of())
                    .append("-member ensemble. vemseg averages the members' probabilities; the bioimage.io format has ")
                    .append("no ensembles, so each member is a package of its own.\n\n");
        }
        s.append("## Input and output\n\n");
        s.append("- Input `raw`: float32, batch × ").append(m.spec().frames()).append(" × y × x, the raw intensities")
                .append(" of ").append(m.spec().frames())
                .append(" consecutive z slices as channels (the centre one is ")
                .append("segmented).\n");
        s.append(String.format(Locale.ROOT, "- Preprocessing: (raw − %.6g) / %.6g, the training set's mean and "
                + "standard deviation.%n", n.mean(), n.std()));
        s.append("- Tiles: y and x multiples of ").append(m.step()).append(", at least ").append(m.minSize())
                .append(". Discard a halo of ").append(m.halo()).append(" pixels on each side of each output tile.\n");
        s.append("- Output `probabilities`: float32, batch × ").append(classes.size())
                .append(" × y × x, softmax over the classes ").append(String.join(", ", classes)).append(".\n");
        if (m.downsample() > 1) {
            s.append("- The network sees slices averaged over ").append(m.downsample()).append(" × ")
                    .append(m.downsample()).append(" pixels and enlarges its output back (inside the module).\n");
        }
        s.append("\nIn Python: `model = ").append(RdfYaml.callable(m.spec().architecture()))
                .append("(**kwargs)` from `").append(BmzFiles.ARCHITECTURE).append("` with the kwargs in rdf.yaml, ")
                .append("`model.load_state_dict(torch.load('").append(BmzFiles.WEIGHTS)
                .append("', weights_only=True))`, `model.eval()`.\n");
        s.append("The test tensors are synthetic EM (vemseg's generator), predicted by vemseg.\n\n");
        s.append("## Training provenance\n\n");
        Provenance p = m.provenance();
        if (p == null || p.iterations() == 0) {
            s.append("No training recorded (an untrained network).\n");
            return s.toString();
        }
        row(s, "training volume (z, y, x)", shape(p.trainingShape()));
        row(s, "validation volume (z, y, x)", shape(p.validationShape()));
        double[] voxel = m.manifest().voxelSizeNm();
        row(s, "voxel size (z, y, x) nm", voxel == null ? "unknown" : Arrays.toString(voxel));
        row(s, "iterations", Long.toString(p.iterations()));
        row(s, "training time", String.format(Locale.ROOT, "%.1f min", p.minutes()));
        row(s, "kept weights from iteration", Long.toString(p.bestIteration()));
        row(s, "validation IoU per class", perClass(classes, p.bestIoU()));
        row(s, "validation F1 per class", perClass(classes, p.bestF1()));
        row(s, "trained", p.date());
        if (p.initialisedFrom() != null) {
            row(s, "initialised from", p.initialisedFrom());
        }
        for (String k : p.hyperParameterNames()) {
            row(s, k, p.hyperParameters().get(k));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String key, String value) {
        s.append("- ").append(key).append(": ").append(value).append('\n');
    }

    private static String shape(long[] shape) {
        if (shape == null) {
            return "none";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).reduce((a, b) -> a + " × " + b).orElse("");
    }

    private static String perClass(List<String> classes, double[] values) {
        if (values == null) {
            return "not measured";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(i < classes.size() ? classes.get(i) : "class " + i)
                    .append(String.format(Locale.ROOT, " %.4f", values[i]));
        }
        return s.toString();
    }
}
