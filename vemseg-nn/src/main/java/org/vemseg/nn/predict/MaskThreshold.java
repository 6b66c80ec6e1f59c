package org.vemseg.nn.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.ThresholdCalibration;

/**
 * The probability threshold that turns a model's foreground probability into a mask: the one given, else the one
 * calibrated on validation data when the model was trained ({@link ThresholdCalibration}), else 0.5.
 *
 * @param value the threshold
 * @param source where it came from, for the user: "given", "calibrated in model.vsm" or "default"
 */
public record MaskThreshold(double value, String source) {

    /** A threshold the user gave. */
    public static MaskThreshold given(double value) {
        return new MaskThreshold(value, "given");
    }

    /**
     * The threshold for the ensemble of {@code bundles}: {@code requested} unless it is NaN; otherwise the mean of
     * the bundles' calibrated thresholds (an uncalibrated bundle counts as 0.5) when they are binary and the mask is
     * of class 1, the class they were calibrated on; 0.5 in every other case.
     */
    public static MaskThreshold resolve(double requested, List<Path> bundles, OptionalInt outputClass) {
        if (!Double.isNaN(requested)) {
            return given(requested);
        }
        if (outputClass.isPresent() && outputClass.getAsInt() != 1) {
            return new MaskThreshold(ThresholdCalibration.UNCALIBRATED, "default");
        }
        double sum = 0;
        int calibrated = 0;
        for (Path p : bundles) {
            if (ModelPredictors.isPackage(p) || ModelPredictors.isTorchScript(p)) {
                // packages and TorchScript files carry none
                return new MaskThreshold(ThresholdCalibration.UNCALIBRATED, "default");
            }
            ModelManifest m = ModelBundle.readManifest(p);
            if (m.classNames().size() != 2) {
                return new MaskThreshold(ThresholdCalibration.UNCALIBRATED, "default");
            }
            sum += m.maskThreshold();
            calibrated += m.calibration() != null ? 1 : 0;
        }
        if (calibrated == 0) {
            return new MaskThreshold(ThresholdCalibration.UNCALIBRATED, "default");
        }
        Path name = bundles.get(0).getFileName();
        String from = bundles.size() == 1 ? String.valueOf(name != null ? name : bundles.get(0))
                : calibrated + " of " + bundles.size() + " models, averaged";
        return new MaskThreshold(sum / bundles.size(), "calibrated in " + from);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f (%s)", value, source);
    }
}
