package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.metrics.ThresholdCurve;
import org.vemseg.nn.data.LabelMapping;

/**
 * The labelled data of a training run and how its labels are read: the part of a {@link TrainingConfig} that says
 * what is learned, not how.
 *
 * @param validImages validation images; present exactly when {@code validLabels} is
 * @param labelMapping how label values become classes (foreground value, ignored value, class count)
 * @param classNames one name per class, index = class; their count is the number of classes the network
 *     predicts, which {@code labelMapping} maps the labels to
 * @param holdoutSlices without validation data, how many of the last training slices to hold out for validation
 *     and threshold calibration: {@link #AUTO_HOLDOUT} for {@link Holdout#slices the automatic choice}, 0 for none
 * @param calibrate what the mask threshold of a binary model maximises on the validation data, or empty to keep
 *     0.5
 */
public record TrainingSet(Path images, Path labels, Optional<Path> validImages, Optional<Path> validLabels,
        LabelMapping labelMapping, List<String> classNames, int holdoutSlices,
        Optional<ThresholdCurve.Criterion> calibrate) {

    /** {@link #holdoutSlices()} value for "choose from the stack's depth". */
    public static final int AUTO_HOLDOUT = -1;

    public TrainingSet {
        if (holdoutSlices < AUTO_HOLDOUT) {
            throw new VemsegException.InvalidInput(Settings.name("holdoutSlices") + " must be ≥ 0, was "
                    + holdoutSlices);
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() != labelMapping.classes()) {
            throw new VemsegException.InvalidInput(Settings.name("classNames") + " gives " + classNames.size()
                    + " name(s) for " + labelMapping.classes() + " classes");
        }
        if (classNames.stream().anyMatch(String::isBlank)) {
            throw new VemsegException.InvalidInput(Settings.name("classNames") + ": a class name is empty");
        }
        if (validImages.isPresent() != validLabels.isPresent()) {
            throw new IllegalArgumentException("validation needs both images and labels");
        }
    }

    /** Number of classes the network predicts (2 = binary: background, foreground). */
    public int classes() {
        return labelMapping.classes();
    }

    /**
     * Names of classes nobody named: "background", "foreground" for a binary run (as bundles always had),
     * "background", "class1", "class2", ... otherwise.
     */
    public static List<String> defaultClassNames(int classes) {
        if (classes == 2) {
            return List.of("background", "foreground");
        }
        List<String> names = new ArrayList<>(List.of("background"));
        for (int k = 1; k < classes; k++) {
            names.add("class" + k);
        }
        return names;
    }
}
