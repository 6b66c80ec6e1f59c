package org.vemseg.nn.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vemseg.nn.model.Architecture;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.Normalization;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.volume.Block;
import org.vemseg.nn.model.ComputeDevice;

/**
 * Tiled prediction with the real (briefly trained) network, at the default halo each model derives from its
 * receptive field, equals predicting each whole slice at once with the same mirror border (0 by default).
 *
 * <p>Geometry: 704 x 704 slices; the reference pads each slice by {@code border} pixels of mirror image and, at the
 * bottom and right, up to a multiple of the network's stride (32 for the ResUNet), and predicts it in one pass. With
 * the ResUNet's default halo of 256, tiles of 640 and an overlap of 32 (stride 96), the border 0 gives tile inputs at
 * 0 and 64 along each axis, trusted over [0, 384) and [320, 704): the first starts where the reference's input
 * starts and the last ends where it ends, so they see its edges, and only the sides between tiles need the halo. A
 * border of 32 gives inputs at -32, 64 and 96 (the reference's input is [-32, 736)). Every tile input starts a
 * multiple of 32 pixels from the reference's origin: the network's stride-2 layers see the same sampling phase, so
 * any difference comes from the receptive field cut off at tile borders — exactly what the halo must absorb. The
 * ResUNet's effective receptive field is wide (a ResNet-18 encoder at stride 32): 64 pixels leave differences of
 * order 0.1, while its whole theoretical field (half-width 248) leaves only rounding.
 */
class TiledEqualsWholeImageTest {

    private static final int SIZE = 704;
    private static final int TILE = 640;
    /** Use the models' own halo. */
    private static final int DEFAULT = -1;

    @TempDir
    Path dir;

    @Test
    void tiledPredictionMatchesWholeSlicePrediction() {
        Path model = TinyModels.resunet(11, 40, 1);
        Path input = TinyModels.volume(1, SIZE, SIZE, 21);
        float[] reference = wholeImage(model, input, SIZE, 0);
        double small = maxDifference(model, input, reference, 256, 32, 64, DEFAULT);
        double standard = maxDifference(model, input, reference, TILE, 32, DEFAULT, DEFAULT);
        try (ModelPredictors models = ModelPredictors.load(List.of(model), ComputeDevice.CPU, OptionalInt.empty())) {
            assertEquals(256, models.members().get(0).predictor().halo(), "the ResUNet's default halo");
        }
        assertTrue(standard < 0.5 / 255, "max difference with the default halo: " + standard);
        assertTrue(small > standard, "a smaller halo cuts off more context");
    }

    /** A border between 0 and the halo: the tiles at the edges start and end with the reference's input. */
    @Test
    void aNarrowMirrorBorderTiledMatchesTheWholeSliceWithThatBorder() {
        Path model = TinyModels.resunet(11, 40, 1);
        Path input = TinyModels.volume(1, SIZE, SIZE, 21);
        float[] reference = wholeImage(model, input, SIZE, 32);
        double max = maxDifference(model, input, reference, TILE, 32, DEFAULT, 32);
        assertTrue(max < 0.5 / 255, "max difference with a border of 32: " + max);
    }

    /**
     * The other two networks at their default halos: the ResNet-50 U-Net (256) and DeepEM3D (240, stride 16: valid
     * regions between tiles of 160, stride 128, inputs at 0 and 64).
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"RESUNET50", "DEEPEM3D"})
    void otherArchitecturesTiledMatchWholeSlice(Architecture architecture) {
        Path model = TinyModels.of(architecture, 11, 40);
        Path input = TinyModels.volume(1, SIZE, SIZE, 21);
        float[] reference = wholeImage(model, input, SIZE, 0);
        System.out.print(architecture + ": ");
        double max = maxDifference(model, input, reference, TILE, 32, DEFAULT, DEFAULT);
        assertTrue(max < 0.5 / 255, architecture + ": max difference with the default halo: " + max);
    }

    /**
     * The same for a network trained at half resolution ({@code --downsample 2}): it predicts full-resolution
     * probabilities, its halo doubles to 512 pixels of the volume, and the stride grid to 64. Slices of 1408; tiles of
     * 1280 with an overlap of 64 have inputs at 0 and 128, trusted over [0, 768) and [640, 1408).
     */
    @Test
    void downsampledNetworkTiledMatchesWholeSlice() {
        Path model = TinyModels.resunetDownsampled(11, 40, 2, 1);
        int size = 1408;
        Path input = TinyModels.volume(1, size, size, 21);
        float[] reference = wholeImage(model, input, size, 0);
        double max = maxDifference(model, input, reference, 2 * TILE, 64, DEFAULT, DEFAULT);
        assertTrue(max < 0.5 / 255, "max difference with the default halo at downsample 2: " + max);
    }

    /**
     * Largest |tiled − whole| over the volume (halo and border {@link #DEFAULT}: the models' own halo, the default
     * border), after checking the output has structure and that the plane took several tiles.
     */
    private double maxDifference(Path model, Path input, float[] reference, int tile, int overlap, int halo,
            int border) {
        Path out = dir.resolve("tiled-" + tile + "-" + halo + "-" + border + ".tif");
        PredictionRequest.Builder b = PredictionRequest.builder(List.of(model), VolumeLocation.of(input),
                VolumeLocation.of(out)).optTile(tile).optOverlap(overlap).optOutputType(OutputType.PROB32);
        if (halo != DEFAULT) {
            b.optHalo(halo);
        }
        if (border != DEFAULT) {
            b.optBorder(border);
        }
        PredictionJob.Result result = PredictionJob.run(b.build(), Progress.NONE);
        assertTrue(result.usefulCompute() < 0.5, "several tiles per plane: useful compute " + result.usefulCompute());
        float[] tiled;
        try (VolumeReader r = Volumes.open(out.toString())) {
            tiled = r.readAll().floats();
        }
        assertEquals(reference.length, tiled.length);
        double max = 0;
        double spread = 0;
        double mean = 0;
        for (float v : reference) {
            mean += v / reference.length;
        }
        for (int i = 0; i < tiled.length; i++) {
            max = Math.max(max, Math.abs(tiled[i] - reference[i]));
            spread += (reference[i] - mean) * (reference[i] - mean) / reference.length;
        }
        System.out.printf("tile %d, halo %d, border %d: max |tiled - whole| = %.5f (probability std %.3f)%n", tile,
                halo, border, max, Math.sqrt(spread));
        assertTrue(Math.sqrt(spread) > 0.05, "the trained network's output has structure");
        return max;
    }

    /**
     * Foreground probability {@code [z][y][x]} predicting each slice, mirror-padded by {@code pad} and at the bottom
     * and right up to a multiple of the network's stride, in one pass.
     */
    private static float[] wholeImage(Path model, Path input, int size, int pad) {
        Block vol;
        try (VolumeReader r = Volumes.open(input.toString())) {
            vol = r.readAll();
        }
        int d = (int) vol.box().depth();
        float[] result = new float[d * size * size];
        try (ModelPredictors models = ModelPredictors.load(List.of(model), ComputeDevice.CPU, 0)) {
            ModelPredictors.Member m = models.members().get(0);
            int multiple = m.predictor().sizeMultiple();
            int p = (size + 2 * pad + multiple - 1) / multiple * multiple;
            Normalization n = (Normalization) m.normalization(); // a .vsm bundle's is fixed
            float[] in = new float[p * p];
            float[] out = new float[2 * p * p];
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < p; y++) {
                    for (int x = 0; x < p; x++) {
                        double v = vol.get(vol.index(z, reflect(y - pad, size), reflect(x - pad, size)));
                        in[y * p + x] = (float) ((v - n.mean()) / n.std());
                    }
                }
                m.predictor().predict(in, 1, p, p, out);
                for (int y = 0; y < size; y++) {
                    System.arraycopy(out, p * p + (y + pad) * p + pad, result, (z * size + y) * size, size);
                }
            }
        }
        return result;
    }

    /** Mirror without repeating the edge (…2 1 | 0 1 2 … n-1 | n-2 …), back and forth, as core's tiling does. */
    private static int reflect(int i, int size) {
        int period = 2 * (size - 1);
        int m = Math.floorMod(i, period);
        return m < size ? m : period - m;
    }
}
