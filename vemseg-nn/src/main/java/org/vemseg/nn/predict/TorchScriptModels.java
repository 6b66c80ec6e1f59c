package org.vemseg.nn.predict;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.predict.InputNormalization;
import org.vemseg.core.predict.Normalization;
import org.vemseg.core.predict.PlaneStatistics;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.nn.bmz.BmzModel;
import org.vemseg.nn.bmz.OutputActivation;
import org.vemseg.nn.bmz.TorchScriptArchive;

/**
 * Loads TorchScript models as ensemble members: the weights of a bioimage.io package, checked to reproduce the
 * package's test output as bioimage.io's own test does (a package whose output differs by more than
 * {@link #TOLERANCE} is refused naming the largest difference), or a plain {@code .pt} file with the
 * {@link TorchScriptOptions} that stand in for an rdf.yaml, its output channels found by running one zero tile.
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
        Model model = loadModel(bmz.source(), "the torchscript weights are", bmz.weights(), device, managers);
        int halo = requestedHalo.orElse(bmz.halo() > 0 ? bmz.halo() : FALLBACK_HALO);
        TorchScriptTilePredictor predictor = new TorchScriptTilePredictor(model, new TorchScriptTilePredictor.Settings(
                bmz.frames(), bmz.classes(), bmz.step(), halo, bmz.activation(), -1));
        InputNormalization norm = bmz.normalization();
        try {
            bmz.test().ifPresent(t -> checkReproduces(bmz, predictor, norm, t));
        } catch (RuntimeException e) {
            predictor.close();
            throw e;
        }
        return new ModelPredictors.Member(predictor, norm, bmz.source(), 0);
    }

    /**
     * Loads a plain TorchScript file with the options that replace an rdf.yaml: refused in one line, before the file
     * is read, when a required option is missing; when the file is not TorchScript; when the model fails on a zero
     * tile of the tile multiple (at least 64 pixels); or when the output channel is not among its outputs.
     *
     * @param requestedHalo the {@code halo} setting, else {@link #FALLBACK_HALO}
     */
    static ModelPredictors.Member loadFile(Path file, TorchScriptOptions options, Device device,
            OptionalInt requestedHalo, List<NDManager> managers) {
        List<String> missing = options.missing();
        if (!missing.isEmpty()) {
            throw new VemsegException.InvalidInput(file + " is a plain TorchScript file with no rdf.yaml to say how to "
                    + "run it: give " + String.join(", ", missing) + " (see " + Settings.name("norm")
                    + " in the help)");
        }
        TorchScriptArchive.read(file); // a one-line refusal of a checkpoint or other file, before the engine loads
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read TorchScript model", e);
        }
        Model model = loadModel(file, "it is", bytes, device, managers);
        int frames = options.inputChannels().orElse(1);
        int step = options.tileMultiple().getAsInt();
        int channels = outputChannels(model, file, frames, step);
        int c = options.outputChannel().getAsInt();
        if (c >= channels) {
            throw new VemsegException.InvalidInput(Settings.name("outputChannel") + " " + c + " does not exist: "
                    + file + " returns " + channels + " channel(s) (0 to " + (channels - 1) + ")");
        }
        TorchScriptTilePredictor predictor = new TorchScriptTilePredictor(model, new TorchScriptTilePredictor.Settings(
                frames, channels, step, requestedHalo.orElse(FALLBACK_HALO),
                options.activation().orElse(OutputActivation.NONE), c));
        return new ModelPredictors.Member(predictor, options.norm().orElseThrow(), file, 0);
    }

    /** Loads TorchScript bytes into a model whose manager joins {@code managers}. */
    private static Model loadModel(Path source, String what, byte[] bytes, Device device, List<NDManager> managers) {
        Model model = Model.newInstance(String.valueOf(source.getFileName()), device, "PyTorch");
        managers.add(model.getNDManager());
        try {
            model.load(new ByteArrayInputStream(bytes));
        } catch (IOException | MalformedModelException | EngineException e) {
            throw new VemsegException.Corrupt(source + ": " + what + " not a TorchScript model (" + firstLine(e)
                    + "); a state dict or pickled module must first be saved with torch.jit.trace or "
                    + "torch.jit.script", e);
        }
        return model;
    }

    /** Channels the model returns for a zero tile of {@code frames} × s × s, s the step's multiple >= 64. */
    private static int outputChannels(Model model, Path file, int frames, int step) {
        int side = (PROBE + step - 1) / step * step;
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDArray x = call.zeros(new Shape(1, frames, side, side));
            long[] s = model.getBlock().forward(new ParameterStore(call, false), new NDList(x), false).head()
                    .getShape().getShape();
            if (s.length != 4 || s[0] != 1 || s[2] != side || s[3] != side) {
                throw new VemsegException.Unsupported(String.format(Locale.ROOT, "%s returns shape %s for a 1 x %d x "
                        + "%d x %d input; vemseg runs 2D models that return batch x channels x the input's y and x",
                        file, Arrays.toString(s), frames, side, side));
            }
            return (int) s[1];
        } catch (EngineException e) {
            throw new VemsegException.InvalidInput(String.format(Locale.ROOT, "%s fails on a 1 x %d x %d x %d input "
                    + "(%s); check %s and %s", file, frames, side, side, torchError(e), Settings.name("inputChannels"),
                    Settings.name("tileMultiple")));
        }
    }

    /** Side of the zero tile run to find a model's output channels: enough for 4 poolings or so. */
    private static final int PROBE = 64;

    /** The line of a TorchScript error that says what went wrong (its first lines are a traceback header). */
    private static String torchError(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().filter(l -> l.contains("Error:")).map(String::trim).reduce((a, b) -> b)
                .orElse(firstLine(e));
    }

    /** Runs the test input (1 × frames × H × W, H and W multiples of the step) and compares with the test output. */
    private static void checkReproduces(BmzModel bmz, TorchScriptTilePredictor predictor, InputNormalization norm,
            BmzModel.TestTensors t) {
        long[] s = t.inputShape();
        if (s.length != 4 || s[0] != 1 || s[1] != bmz.frames() || s[2] % bmz.step() != 0 || s[3] % bmz.step() != 0
                || t.output().length != bmz.classes() * s[2] * s[3]) {
            return; // a test tensor vemseg's tiles cannot take as it is; bioimage.io's own test covers it
        }
        int h = (int) s[2];
        int w = (int) s[3];
        float[] in = new float[t.input().length];
        int plane = h * w;
        for (int f = 0; f < bmz.frames(); f++) {
            // The test input is one whole sample: per-sample statistics are its planes'.
            Normalization n = norm instanceof Normalization fixed ? fixed
                    : norm.forPlane(planeStats(t.input(), f * plane, plane, norm.percentiles()));
            for (int i = f * plane; i < (f + 1) * plane; i++) {
                in[i] = (float) ((t.input()[i] - n.mean()) / n.std());
            }
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

    /** Statistics of {@code n} values of {@code a} from {@code from}, through the volume code that predicting uses. */
    private static PlaneStatistics.Stats planeStats(float[] a, int from, int n, double[] percentiles) {
        Block b = Block.wrap(Box.ofShape(1, 1, n), DataType.FLOAT32, Arrays.copyOfRange(a, from, from + n));
        return PlaneStatistics.of(b, percentiles)[0];
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
