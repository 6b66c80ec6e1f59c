package org.vemseg.core.curate;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;

/**
 * Counts of one curation run at each stage (cut, after the informativeness filter, after deduplication),
 * per plane and per source, the files left out and why, and the score distribution of all cut patches
 * (a histogram in 1-grey-level bins, so it stays small for any number of patches). Filled in by
 * {@link Curator}; read-only for callers.
 */
public final class CurationSummary {

    /** What happened to one source volume. */
    public record SourceCount(String source, String shape, String planes, String note, long cropped, long kept) {
    }

    private static final int HISTOGRAM_BINS = 400;
    private static final int SKIPPED_SHOWN = 8;

    private final CurationOptions options;
    private final List<SourceCount> sources = new ArrayList<>();
    private final List<CurationInputs.Skipped> skipped = new ArrayList<>();
    private final Map<Plane, long[]> perPlane = new EnumMap<>(Plane.class);
    private final long[] scoreHistogram = new long[HISTOGRAM_BINS];
    private long cropped;
    private long lowScore;
    private long duplicates;
    private long kept;
    private long tooSmall;
    private boolean stoppedEarly;

    CurationSummary(CurationOptions options) {
        this.options = options;
        for (Plane p : Plane.values()) {
            perPlane.put(p, new long[3]);
        }
    }

    void count(Plane plane, double score, String reason) {
        cropped++;
        long[] c = perPlane.get(plane);
        c[0]++;
        scoreHistogram[(int) Math.max(0, Math.min(HISTOGRAM_BINS - 1, Math.floor(score)))]++;
        if (reason.isEmpty()) {
            kept++;
            c[2]++;
        } else if (reason.startsWith("low")) {
            lowScore++;
        } else {
            duplicates++;
            c[1]++;
        }
    }

    void source(SourceCount s) {
        sources.add(s);
    }

    void skip(CurationInputs.Skipped s) {
        skipped.add(s);
        if (s.reason().startsWith("smaller")) {
            tooSmall++;
        }
    }

    void stopEarly() {
        stoppedEarly = true;
    }

    public long cropped() {
        return cropped;
    }

    /** Patches that passed the informativeness filter. */
    public long afterFilter() {
        return cropped - lowScore;
    }

    public long lowScore() {
        return lowScore;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Patches kept: informative and not duplicates. */
    public long kept() {
        return kept;
    }

    /** Sources skipped because every plane is smaller than one patch. */
    public long tooSmall() {
        return tooSmall;
    }

    public List<SourceCount> sources() {
        return List.copyOf(sources);
    }

    public List<CurationInputs.Skipped> skipped() {
        return List.copyOf(skipped);
    }

    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** The score below which {@code q} (0..1) of all cut patches fall, to 1 grey level. */
    public double scoreQuantile(double q) {
        long target = (long) Math.ceil(q * cropped);
        long sum = 0;
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            sum += scoreHistogram[i];
            if (sum >= target && sum > 0) {
                return i;
            }
        }
        return HISTOGRAM_BINS;
    }

    /** Human-readable report, one finding per line, with settings named as quoted keys. */
    public List<String> describe() {
        return describe(Settings.QUOTED);
    }

    /**
     * Human-readable report, one finding per line, with settings named by {@code naming} (the command line's
     * flags).
     */
    public List<String> describe(UnaryOperator<String> naming) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "sources: %d read, %d skipped (%d excluded, %d too small, %d unreadable)",
                sources.size(), skipped.size(), skipped.stream().filter(s -> s.reason().startsWith("excluded")).count(),
                tooSmall, skipped.stream().filter(s -> s.reason().startsWith("unreadable")).count()));
        lines.add(String.format(Locale.ROOT, "cropped %d patches of %d px -> %d after filter (score >= %.1f; %d low) "
                + "-> %d after dedup (Hamming <= %d; %d duplicates)%s", cropped, options.size(), afterFilter(),
                options.minScore(), lowScore, kept, options.hamming(), duplicates,
                stoppedEarly ? Settings.render(" [stopped at {maxPatches}]", naming) : ""));
        for (Plane p : Plane.values()) {
            long[] c = perPlane.get(p);
            if (c[0] > 0) {
                lines.add(String.format(Locale.ROOT, "  %s: %d cropped, %d duplicates, %d kept", p, c[0], c[1], c[2]));
            }
        }
        lines.add(String.format(Locale.ROOT, "score quantiles of cropped patches: 1%% %.0f, 10%% %.0f, 50%% %.0f, "
                + "90%% %.0f, 99%% %.0f", scoreQuantile(0.01), scoreQuantile(0.10), scoreQuantile(0.5),
                scoreQuantile(0.9), scoreQuantile(0.99)));
        for (SourceCount s : sources) {
            lines.add(String.format(Locale.ROOT, "  %s (%s, %s%s): %d cropped, %d kept", s.source(), s.shape(),
                    s.planes(), s.note().isEmpty() ? "" : "; " + s.note(), s.cropped(), s.kept()));
        }
        int shown = 0;
        List<CurationInputs.Skipped> exclusionsLast = new ArrayList<>(skipped);
        exclusionsLast.sort(java.util.Comparator.comparing(s -> s.reason().startsWith("excluded")));
        for (CurationInputs.Skipped s : exclusionsLast) {
            if (shown++ == SKIPPED_SHOWN) {
                lines.add("  ... and " + (skipped.size() - SKIPPED_SHOWN) + " more skipped (listed in summary.json)");
                break;
            }
            lines.add("  skipped " + s.path() + ": " + s.reason());
        }
        return lines;
    }

    /** Writes everything above as JSON. */
    void writeJson(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("size", options.size());
        opts.put("stride", options.stride());
        opts.put("margin", options.margin());
        opts.put("planes", options.allPlanes() ? "all" : "xy");
        opts.put("hamming", options.hamming());
        opts.put("minScore", options.minScore());
        opts.put("maxPatches", options.maxPatches());
        opts.put("excludeGlobs", options.excludeGlobs());
        opts.put("skipLabels", options.skipLabels());
        json.put("options", opts);
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("cropped", cropped);
        stages.put("afterFilter", afterFilter());
        stages.put("afterDedup", kept);
        stages.put("lowScore", lowScore);
        stages.put("duplicates", duplicates);
        stages.put("stoppedEarly", stoppedEarly);
        json.put("stages", stages);
        Map<String, Object> planes = new LinkedHashMap<>();
        for (Plane p : Plane.values()) {
            long[] c = perPlane.get(p);
            planes.put(p.toString(), Map.of("cropped", c[0], "duplicates", c[1], "kept", c[2]));
        }
        json.put("planes", planes);
        json.put("sources", sources);
        json.put("skipped", skipped);
        int last = HISTOGRAM_BINS - 1;
        while (last > 0 && scoreHistogram[last] == 0) {
            last--;
        }
        json.put("scoreHistogram", java.util.Arrays.copyOf(scoreHistogram, last + 1));
        try {
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write summary", e);
        }
    }
}
