package org.vemseg.nn.bmz;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vemseg.core.VemsegException;
import org.vemseg.core.predict.InputNormalization;
import org.vemseg.core.predict.Normalization;
import org.vemseg.core.predict.PlaneNormalization;

/**
 * The input normalisation of a TorchScript model, read from a bioimage.io rdf.yaml's preprocessing or from the
 * {@code --norm} text that stands in for it when a plain {@code .pt} file has no rdf.yaml. Both give the same
 * {@link InputNormalization}; the text names the rdf's steps with hyphens:
 * <ul>
 *   <li>{@code none}: raw values;</li>
 *   <li>{@code zero-mean-unit-variance} or {@code zero-mean-unit-variance:per-sample}: each plane's mean and std
 *       ({@code zero_mean_unit_variance});</li>
 *   <li>{@code zero-mean-unit-variance:fixed:MEAN,STD} ({@code fixed_zero_mean_unit_variance});</li>
 *   <li>{@code scale-range} or {@code scale-range:P_LOW,P_HIGH}: each plane's percentiles (default 0, 100) to 0 and
 *       1 ({@code scale_range});</li>
 *   <li>{@code scale-linear:GAIN,OFFSET}: {@code GAIN * v + OFFSET} ({@code scale_linear}).</li>
 * </ul>
 * Per-sample steps use bioimage.io's {@code eps} of 1e-6.
 */
public final class Preprocessing {

    /** The {@code --norm} forms, for messages and help. */
    public static final String SYNTAX = "none, zero-mean-unit-variance[:per-sample|:fixed:MEAN,STD], "
            + "scale-range[:P_LOW,P_HIGH], scale-linear:GAIN,OFFSET";

    private Preprocessing() {
    }

    /** The normalisation that {@code --norm} text describes; throws InvalidInput naming the forms accepted. */
    public static InputNormalization parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        String[] parts = t.split(":", -1);
        try {
            switch (parts[0]) {
                case "none" -> {
                    if (parts.length == 1) {
                        return Normalization.NONE;
                    }
                }
                case "zero-mean-unit-variance" -> {
                    if (parts.length == 1 || parts.length == 2 && parts[1].equals("per-sample")) {
                        return PlaneNormalization.zeroMeanUnitVariance(PlaneNormalization.DEFAULT_EPS);
                    }
                    if (parts.length == 3 && parts[1].equals("fixed")) {
                        double[] ms = numbers(parts[2]);
                        return new Normalization(ms[0], ms[1]);
                    }
                }
                case "scale-range" -> {
                    if (parts.length == 1) {
                        return PlaneNormalization.scaleRange(0, 100, PlaneNormalization.DEFAULT_EPS);
                    }
                    if (parts.length == 2) {
                        double[] p = numbers(parts[1]);
                        return PlaneNormalization.scaleRange(p[0], p[1], PlaneNormalization.DEFAULT_EPS);
                    }
                }
                case "scale-linear" -> {
                    if (parts.length == 2) {
                        double[] go = numbers(parts[1]);
                        return linear(go[0], go[1]);
                    }
                }
                default -> {
                    // falls through to the refusal below
                }
            }
        } catch (IllegalArgumentException e) {
            throw new VemsegException.InvalidInput("normalisation '" + text + "': " + e.getMessage());
        }
        throw new VemsegException.InvalidInput("normalisation '" + text + "' is not one of " + SYNTAX);
    }

    /**
     * The normalisation of an rdf.yaml input's {@code preprocessing} steps; throws Unsupported naming a step vemseg
     * cannot run (per-channel numbers, several normalisations, an unknown step).
     */
    public static InputNormalization fromRdf(Path path, List<Map<String, Object>> steps) {
        InputNormalization norm = Normalization.NONE;
        int normalisations = 0;
        for (Map<String, Object> step : steps) {
            String id = String.valueOf(step.get("id"));
            Map<String, Object> kw = BmzPackage.map(step.get("kwargs"));
            if (id.equals("ensure_dtype")) {
                continue; // vemseg always feeds float32
            }
            if ("per_dataset".equals(kw.get("mode"))) {
                throw unsupported(path, "preprocessing " + id + " with mode per_dataset (statistics of a data set "
                        + "vemseg does not have)");
            }
            try {
                norm = of(path, id, kw);
            } catch (IllegalArgumentException e) {
                throw new VemsegException.Corrupt(path + ": bad preprocessing " + id + " (" + e.getMessage() + ")");
            }
            normalisations++;
        }
        if (normalisations > 1) {
            throw unsupported(path, normalisations + " normalisation steps; vemseg runs one");
        }
        return norm;
    }

    private static InputNormalization of(Path path, String id, Map<String, Object> kw) {
        return switch (id) {
            case "fixed_zero_mean_unit_variance" -> new Normalization(number(path, kw, "mean", Double.NaN),
                    number(path, kw, "std", Double.NaN));
            case "zero_mean_unit_variance" -> "fixed".equals(kw.get("mode"))
                    ? new Normalization(number(path, kw, "mean", Double.NaN), number(path, kw, "std", Double.NaN))
                    : PlaneNormalization.zeroMeanUnitVariance(eps(path, kw));
            case "scale_range" -> PlaneNormalization.scaleRange(number(path, kw, "min_percentile", 0),
                    number(path, kw, "max_percentile", 100), eps(path, kw));
            case "scale_linear" -> linear(number(path, kw, "gain", 1), number(path, kw, "offset", 0));
            default -> throw unsupported(path, "preprocessing " + id + "; vemseg runs "
                    + "fixed_zero_mean_unit_variance, zero_mean_unit_variance, scale_range and scale_linear");
        };
    }

    /** One line for {@code vemseg info} and messages, e.g. "zero mean, unit variance per plane (eps 1e-06)". */
    public static String describe(InputNormalization n) {
        if (n instanceof Normalization f) {
            return f.equals(Normalization.NONE) ? "none (raw values)"
                    : String.format(Locale.ROOT, "fixed: (v - %g) / %g", f.mean(), f.std());
        }
        return n.toString();
    }

    private static Normalization linear(double gain, double offset) {
        if (!(gain > 0)) {
            throw new IllegalArgumentException("gain must be positive, was " + gain);
        }
        // gain × raw + offset = (raw − mean) / std
        return new Normalization(-offset / gain, 1 / gain);
    }

    private static double[] numbers(String text) {
        String[] s = text.split(",", -1);
        if (s.length != 2) {
            throw new IllegalArgumentException("needs two numbers separated by a comma, was '" + text + "'");
        }
        try {
            return new double[] {Double.parseDouble(s[0]), Double.parseDouble(s[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not two numbers", e);
        }
    }

    private static double eps(Path path, Map<String, Object> kw) {
        return number(path, kw, "eps", PlaneNormalization.DEFAULT_EPS);
    }

    /** A single number of the kwargs, or {@code fallback} when absent (NaN: required). */
    private static double number(Path path, Map<String, Object> kw, String key, double fallback) {
        Object v = kw.get(key);
        if (v == null && !Double.isNaN(fallback)) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw unsupported(path, "normalisation " + key + " " + v + "; vemseg needs one number for all channels");
    }

    private static VemsegException.Unsupported unsupported(Path path, String detail) {
        return new VemsegException.Unsupported(path + ": " + detail);
    }
}
