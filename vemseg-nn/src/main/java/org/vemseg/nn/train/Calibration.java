package org.vemseg.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.metrics.ThresholdCurve;
import org.vemseg.core.report.Charts;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ThresholdCalibration;
import org.vemseg.nn.data.LabelledVolume;

/**
 * The end-of-training step that picks a binary model's mask threshold on its validation data
 * ({@link ThresholdCalibrator}) and reports the curve beside the model: {@code MODEL.calibration.csv} (one row per
 * threshold) and {@code MODEL.calibration.png}.
 *
 * @param curve the measured curve
 * @param choice the threshold chosen on it
 * @param calibration what the bundle stores
 */
record Calibration(ThresholdCurve curve, ThresholdCurve.Choice choice, ThresholdCalibration calibration) {

    /**
     * Calibrates when the run is binary, asked for it and has validation slices with foreground; empty otherwise
     * (multi-class models predict by arg-max, which no single threshold improves).
     */
    static Optional<Calibration> measure(TrainingConfig c, TrainingInputs in, List<MemberManifest> members,
            List<Block> blocks, NDManager manager) {
        if (c.classes() != 2 || c.data().calibrate().isEmpty() || in.valid().isEmpty()) {
            return Optional.empty();
        }
        LabelledVolume valid = in.valid().get();
        List<Validator> validators = new ArrayList<>();
        for (MemberManifest m : members) {
            validators.add(new Validator(valid, in.normalisation(), m.spec().frames(),
                    c.hyper().architecture().inputMultiple(), 2, c.hyper().downsample()));
        }
        ThresholdCurve curve = ThresholdCalibrator.curve(validators, blocks, manager);
        ThresholdCurve.Choice choice;
        try {
            choice = curve.best(c.data().calibrate().get());
        } catch (IllegalStateException e) {
            return Optional.empty(); // no foreground in the validation crops: nothing to calibrate on
        }
        String criterion = choice.criterion().name().toLowerCase(java.util.Locale.ROOT);
        return Optional.of(new Calibration(curve, choice, new ThresholdCalibration(choice.threshold(), criterion,
                choice.score(), choice.atHalf(), valid.depth(), in.heldOut() > 0)));
    }

    /** The curve CSV beside {@code model}. */
    static Path csvPath(Path model) {
        return model.resolveSibling(model.getFileName() + ".calibration.csv");
    }

    /** The curve chart beside {@code model}. */
    static Path pngPath(Path model) {
        return model.resolveSibling(model.getFileName() + ".calibration.png");
    }

    /** Deletes the curve files an earlier model of this name left, so none describes a model it does not belong to. */
    static void removeStale(Path model) {
        for (Path p : List.of(csvPath(model), pngPath(model))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw VemsegException.IO.of(p, "remove the calibration curve of an earlier model", e);
            }
        }
    }

    /** Writes the CSV and the PNG beside {@code model}, each to a temporary name first. */
    void write(Path model) {
        Path csv = csvPath(model);
        try (AtomicOutput out = AtomicOutput.begin(csv, true, false)) {
            try {
                Files.write(out.temp(), curve.csv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw VemsegException.IO.of(csv, "write calibration curve", e);
            }
            out.commit();
        }
        Charts.thresholdCurve(curve, choice, model.getFileName() + " calibration", pngPath(model), true);
    }
}
