package org.vemseg.nn.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vemseg.core.volume.Plane;

/**
 * Everything a checkpoint's training depends on, stored in the checkpoint so that {@code --resume} refuses to
 * continue a run with other settings or other data: the options that shape the network, the schedule and the
 * batches, the label mapping, the content of the training and validation volumes ({@link TrainingDataHash}) and
 * the normalisation derived from them. Stored as one {@code name: value} line per setting, so a refusal can name
 * the setting that differs.
 */
final class CheckpointSettings {

    private static final String SEPARATOR = ": ";

    private final Map<String, String> settings;

    private CheckpointSettings(Map<String, String> settings) {
        this.settings = settings;
    }

    static CheckpointSettings of(TrainingConfig c, TrainingInputs in) {
        Map<String, String> s = new LinkedHashMap<>();
        c.hyper().settings(c.data().labelMapping(), in.classWeights())
                .forEach((key, value) -> s.put(words(key), value));
        s.put("iterations", String.valueOf(c.run().iterations()));
        s.put("max minutes", String.valueOf(c.run().maxMinutes()));
        s.put("training images", in.trainFingerprint().imagesText());
        s.put("training labels", in.trainFingerprint().labelsText());
        s.put("validation images", in.validFingerprint().map(TrainingDataHash::imagesText).orElse("none"));
        s.put("validation labels", in.validFingerprint().map(TrainingDataHash::labelsText).orElse("none"));
        if (in.heldOut() > 0) {
            // only then: checkpoints of runs without held-out slices (and of earlier versions) stay resumable
            s.put("held-out slices", String.valueOf(in.heldOut()));
        }
        if (!in.planes().equals(List.of(Plane.XY))) {
            // only then, like the held-out slices: the planes as resolved, so that auto resumes as it started
            s.put("planes", Plane.names(in.planes()));
        }
        s.put("normalisation", "mean " + in.normalisation().mean() + ", std " + in.normalisation().std());
        return new CheckpointSettings(s);
    }

    /** A setting's name as checkpoints record it: {@code learningRate} is {@code learning rate}. */
    private static String words(String key) {
        return key.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    }

    /** The form stored in a checkpoint. */
    String text() {
        StringBuilder b = new StringBuilder();
        settings.forEach((name, value) -> b.append(name).append(SEPARATOR).append(value).append('\n'));
        return b.toString();
    }

    /**
     * The first setting in which {@code recorded} (the {@link #text()} stored in a checkpoint) differs from these,
     * as "name: was X, now Y"; empty if they are the same.
     */
    Optional<String> differenceFrom(String recorded) {
        Map<String, String> was = parse(recorded);
        if (was.isEmpty()) {
            // earlier versions stored the options only, joined by '|', and not the data they were used with
            return Optional.of("written by an earlier vemseg, which did not record the training data");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String before = was.get(e.getKey());
            if (!e.getValue().equals(before)) {
                return Optional.of(e.getKey() + ": was " + (before == null ? "not recorded" : before) + ", now "
                        + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : was.entrySet()) {
            if (!settings.containsKey(e.getKey())) {
                // a setting recorded only when used or not at its default (weight average, held-out slices, planes)
                return Optional.of(e.getKey() + ": was " + e.getValue() + ", now not set");
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int at = line.indexOf(SEPARATOR);
            if (at > 0) {
                m.put(line.substring(0, at), line.substring(at + SEPARATOR.length()));
            }
        }
        return m;
    }
}
