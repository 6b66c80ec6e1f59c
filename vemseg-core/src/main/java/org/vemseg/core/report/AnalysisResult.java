package org.vemseg.core.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.vemseg.core.Settings;
import org.vemseg.core.objects.ObjectTable;

/**
 * What {@link ObjectAnalysis} found and wrote.
 *
 * @param warnings things the user should know (e.g. no voxel size, so lengths are in voxels); they name
 *     settings by key ({@link Settings}), which {@link #summary(UnaryOperator)} renders
 * @param written output files, in the order written
 */
public record AnalysisResult(ObjectTable table, List<DensityProfile> profiles, List<String> warnings,
        List<Path> written) {

    public AnalysisResult {
        profiles = List.copyOf(profiles);
        warnings = List.copyOf(warnings);
        written = List.copyOf(written);
    }

    /** A few lines for the terminal, with settings named as quoted keys. */
    public String summary() {
        return summary(Settings.QUOTED);
    }

    /** A few lines for the terminal, with settings named by {@code naming} (the command line's flags). */
    public String summary(UnaryOperator<String> naming) {
        ObjectTable t = table;
        String u = t.lengthUnit();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "objects          %d%n", t.count()));
        if (t.physical()) {
            sb.append(String.format(Locale.ROOT, "density          %.6g objects/mm3 (image volume %.6g um3)%n",
                    t.densityPerMm3(), t.imageVolume()));
        }
        sb.append(String.format(Locale.ROOT, "volume fraction  %.4f%n", t.volumeFraction()));
        if (t.count() > 0) {
            double meanV = t.objects().stream().mapToDouble(o -> o.volume()).average().orElse(0);
            double meanD = t.objects().stream().mapToDouble(o -> o.equivalentDiameter()).average().orElse(0);
            sb.append(String.format(Locale.ROOT, "mean volume      %.6g %s3, mean equivalent diameter %.4g %s%n",
                    meanV, u, meanD, u));
        }
        for (String w : warnings) {
            sb.append("warning: ").append(Settings.render(w, naming)).append('\n');
        }
        for (Path p : written) {
            sb.append("wrote ").append(p).append('\n');
        }
        return sb.toString();
    }
}
