package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Provenance;
import org.vemseg.nn.bundle.ThresholdCalibration;

/** Prints the manifest of a {@code .vsm} model for {@code vemseg info}. */
final class ModelInfo {

    private ModelInfo() {
    }

    static void print(Path path, PrintWriter out) {
        ModelManifest m = ModelBundle.readManifest(path);
        out.println(path);
        row(out, "format", "vemseg model " + m.formatVersion() + " (written by vemseg " + m.vemsegVersion() + ")");
        row(out, "classes", String.join(", ", m.classNames()));
        row(out, "normalise", String.format(Locale.ROOT, "(x - %.4g) / %.4g", m.normalisation().mean(),
                m.normalisation().std()));
        row(out, "downsample", m.downsample() == 1 ? "none (full resolution)"
                : m.downsample() + "x in y and x before the network");
        double[] v = m.voxelSizeNm();
        row(out, "voxel size", v == null ? "unknown" : String.format(Locale.ROOT, "%g x %g x %g nm (z, y, x)",
                v[0], v[1], v[2]));
        ThresholdCalibration cal = m.calibration();
        row(out, "mask threshold", cal == null ? "0.5 (not calibrated)" : String.format(Locale.ROOT,
                "%.3f, calibrated on %d %svalidation slices: %s %.4f (%.4f at 0.5)", cal.threshold(),
                cal.validationSlices(), cal.heldOut() ? "held-out " : "", cal.criterion().toUpperCase(Locale.ROOT),
                cal.score(), cal.scoreAtHalf()));
        row(out, "members", String.valueOf(m.members().size()));
        for (int i = 0; i < m.members().size(); i++) {
            MemberManifest mm = m.members().get(i);
            Provenance p = mm.provenance();
            out.printf(Locale.ROOT, "  [%d] %s, %d frame(s), width %s%n", i, mm.architecture(), mm.frames(),
                    mm.width());
            if (p == null) {
                continue;
            }
            row(out, "  trained", String.format(Locale.ROOT, "%d iterations, %.1f min, kept iteration %d, %s",
                    p.iterations(), p.minutes(), p.bestIteration(), p.date()));
            if (p.trainingShape() != null) {
                row(out, "  data", "train " + shape(p.trainingShape())
                        + (p.validationShape() == null ? "" : ", validation " + shape(p.validationShape())));
            }
            if (p.bestIoU() != null) {
                row(out, "  valid IoU",
                        Arrays.toString(round(p.bestIoU())) + "  F1 " + Arrays.toString(round(p.bestF1())));
            }
            if (p.initialisedFrom() != null) {
                row(out, "  init", p.initialisedFrom());
            }
            for (String k : p.hyperParameterNames()) {
                row(out, "  " + k, p.hyperParameters().get(k));
            }
        }
        out.flush();
    }

    private static String shape(long[] s) {
        return s[0] + " x " + s[1] + " x " + s[2];
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10000) / 10000.0).toArray();
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "  %-16s %s%n", key, value);
    }
}
