package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ThresholdCalibration;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.predict.MaskThreshold;

/** Threshold calibration at the end of training, on slices held out of a single labelled stack. */
class CalibrationTest {

    @TempDir
    Path dir;

    private TrainingConfig.Builder base(Path[] d, String out) {
        return TrainingConfig.builder(d[0], d[1], dir.resolve(out)).optForeground(OptionalInt.of(1))
                .optArch(Architecture.RESUNET).optWidth(0.125).optPatch(64).optBatch(2).optSeed(5).optIterations(40)
                .optValidateEvery(20);
    }

    @Test
    void aStackWithoutValidationHoldsOutItsLastSlicesAndTheModelStoresTheBestThresholdOnThem() throws Exception {
        Path[] d = TrainingData.synthetic(dir, 24, 64, 4);
        TrainingResult r = new Trainer().run(base(d, "m.vsm").build(), Progress.NONE);
        assertEquals(3, r.heldOut(), "a tenth of 24 slices, at least 1 frame");
        assertTrue(r.members().get(0).bestIoU() != null, "validated on the held-out slices");
        ThresholdCalibration k = r.calibration();
        assertTrue(k != null && k.heldOut() && k.validationSlices() == 3 && "iou".equals(k.criterion()));
        assertTrue(k.threshold() > 0 && k.threshold() < 1);
        assertTrue(k.score() >= k.scoreAtHalf(), k.score() + " < " + k.scoreAtHalf());
        Path model = dir.resolve("m.vsm");
        assertEquals(k, ModelBundle.readManifest(model).calibration());
        // the curve beside the model has its best row at the stored threshold
        List<String> rows = Files.readAllLines(Calibration.csvPath(model));
        assertEquals(256, rows.size());
        String[] bestRow = rows.stream().skip(1).map(s -> s.split(","))
                .max(Comparator.comparingDouble(s -> Double.parseDouble(s[3]))).orElseThrow();
        assertEquals(k.score(), Double.parseDouble(bestRow[3]), 1e-5);
        assertTrue(Files.size(Calibration.pngPath(model)) > 1000);
        // prediction takes it unless a threshold is given
        MaskThreshold t = MaskThreshold.resolve(Double.NaN, List.of(model), OptionalInt.empty());
        assertEquals(k.threshold(), t.value());
        assertTrue(t.source().contains("calibrated in m.vsm"), t.source());
        assertEquals(0.3, MaskThreshold.resolve(0.3, List.of(model), OptionalInt.empty()).value());
        assertEquals(0.5, MaskThreshold.resolve(Double.NaN, List.of(model), OptionalInt.of(0)).value());

        // retrained over it without calibration: no threshold, and no curve of the earlier model is left
        TrainingResult plain = new Trainer().run(base(d, "m.vsm").optOverwrite(true).optHoldoutSlices(0)
                .optCalibrate(Optional.empty()).build(), Progress.NONE);
        assertEquals(0, plain.heldOut());
        assertNull(plain.calibration());
        assertNull(ModelBundle.readManifest(model).calibration());
        assertFalse(Files.exists(Calibration.csvPath(model)));
        assertFalse(Files.exists(Calibration.pngPath(model)));
        assertEquals(0.5, MaskThreshold.resolve(Double.NaN, List.of(model), OptionalInt.empty()).value());
    }

    @Test
    void holdoutIsAutomaticOnlyOnStacksDeepEnough() {
        Path img = Path.of("stack.tif");
        assertEquals(0, Holdout.slices(TrainingSet.AUTO_HOLDOUT, 19, 1, img));
        assertEquals(2, Holdout.slices(TrainingSet.AUTO_HOLDOUT, 20, 1, img));
        assertEquals(5, Holdout.slices(TrainingSet.AUTO_HOLDOUT, 30, 5, img), "at least the widest member's frames");
        assertEquals(0, Holdout.slices(TrainingSet.AUTO_HOLDOUT, 22, 5, img), "17 slices left < 4 x 5");
        assertEquals(17, Holdout.slices(TrainingSet.AUTO_HOLDOUT, 165, 1, img), "Lucchi++: a tenth of 165, rounded up");
        assertEquals(4, Holdout.slices(4, 10, 3, img));
        VemsegException e = assertThrows(VemsegException.class, () -> Holdout.slices(8, 10, 3, img));
        assertTrue(e.getMessage().contains("'holdoutSlices'") && e.getMessage().contains("stack.tif"),
                e.getMessage());
    }
}
