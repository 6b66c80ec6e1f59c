package org.vemseg.nn.predict;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.predict.Normalization;
import org.vemseg.nn.bmz.BmzModel;

/**
 * Loads the TorchScript weights of a bioimage.io package as an ensemble member and checks that it reproduces the
 * package's test output, as bioimage.io's own test does: a package whose output differs by more than
 * {@link #TOLERANCE} is refused naming the largest difference.
 */
final class TorchScriptModels {

    /** Largest accepted |difference| from the package's test output (bioimage.io's default absolute tolerance). */
    static final double TOLERANCE = 1e-3;

    private TorchScriptModels() {
    }

    /**
     * Halo of a package that states none and of no {@code halo} setting: the default of vemseg's U-Nets, whose
     * receptive fields (about 500 px) are of the order of published EM U-Nets'.
     */
    static final int FALLBACK_HALO = 256;

    /**
     * @param requestedHalo the {@code halo} setting, else the package's, else {@link #FALLBACK_HALO}
     * @param managers receives the model's manager, which the caller closes to free the weights
     */
    static ModelPredictors.Member load(BmzModel bmz, Device device, OptionalInt requestedHalo,
            List<NDManager> managers) {
        Model model = Model.newInstance(String.valueOf(bmz.source().getFileName()), device, "PyTorch");
        managers.add(model.getNDManager());
        try {
            model.load(new ByteArrayInputStream(bmz.weights()));
        } catch (IOException | MalformedModelException | EngineException e) {
            throw new VemsegException.Corrupt(bmz.source() + ": the torchscript weights are not a TorchScript model ("
                    + firstLine(e) + ")", e);
        }
        int halo = requestedHalo.orElse(bmz.halo() > 0 ? bmz.halo() : FALLBACK_HALO);
        TorchScriptTilePredictor predictor = new TorchScriptTilePredictor(model, new TorchScriptTilePredictor.Settings(
                bmz.frames(), bmz.classes(), bmz.step(), halo, bmz.sigmoid()));
        Normalization norm = new Normalization(bmz.mean(), bmz.std());
        try {
            bmz.test().ifPresent(t -> checkReproduces(bmz, predictor, norm, t));
        } catch (RuntimeException e) {
            predictor.close();
            throw e;
        }
        return new ModelPredictors.Member(predictor, norm, bmz.source(), 0);
    }

    /** Runs the test input (1 × frames × H × W, H and W multiples of the step) and compares with the test output. */
    private static void checkReproduces(BmzModel bmz, TorchScriptTilePredictor predictor, Normalization norm,
            BmzModel.TestTensors t) {
        long[] s = t.inputShape();
        if (s.length != 4 || s[0] != 1 || s[1] != bmz.frames() || s[2] % bmz.step() != 0 || s[3] % bmz.step() != 0
                || t.output().length != bmz.classes() * s[2] * s[3]) {
            return; // a test tensor vemseg's tiles cannot take as it is; bioimage.io's own test covers it
        }
        int h = (int) s[2];
        int w = (int) s[3];
        float[] in = new float[t.input().length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) ((t.input()[i] - norm.mean()) / norm.std());
        }
        float[] out = new float[predictor.classes() * h * w];
        predictor.predict(in, 1, h, w, out);
        int offset = bmz.classes() == 1 ? h * w : 0; // a single channel is the second of the two classes
        double max = 0;
        for (int i = 0; i < t.output().length; i++) {
            max = Math.max(max, Math.abs(out[offset + i] - t.output()[i]));
        }
        if (!(max <= TOLERANCE)) {
            throw new VemsegException.Corrupt(String.format(Locale.ROOT, "%s: the test output does not reproduce: "
                    + "max |diff| = %.3g (tolerance %.0e)", bmz.source(), max, TOLERANCE));
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
