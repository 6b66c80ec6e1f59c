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
 * receptive field, equals predicting each whole slice at once.
 *
 * <p>Geometry: 320 x 320 slices; the reference pads each slice by {@value #PAD} pixels of mirror image
 * (832 x 832, a multiple of the networks' strides 32 and 16) and predicts it in one pass. With the ResUNet's default
 * halo of 256, tiles of 640 and an overlap of 32, valid regions start at 0, 96 and 192 and tile inputs at -256, -160
 * and -64; with a halo of 64, tiles of 256 give inputs at -64, 32 and 128. Either way every tile input starts a
 * multiple of 32 pixels from the reference's origin: the network's stride-2 layers see the same sampling phase, so
 * any difference comes from the receptive field cut off at tile borders — exactly what the halo must absorb. The
 * ResUNet's effective receptive field is wide (a ResNet-18 encoder at stride 32): 64 pixels leave differences of
 * order 0.1, while its whole theoretical field (half-width 248) leaves only rounding.
 */
class TiledEqualsWholeImageTest {

    private static final int SIZE = 320;
    private static final int PAD = 256;
    private static final int TILE = 640;
    /** Use the models' own halo. */
    private static final int DEFAULT = -1;

    @TempDir
    Path dir;

    @Test
    void tiledPredictionMatchesWholeSlicePrediction() {
        Path model = TinyModels.resunet(11, 40, 1);
        Path input = TinyModels.volume(2, SIZE, SIZE, 21);
        float[] reference = wholeImage(model, input, SIZE, PAD);
        double small = maxDifference(model, input, reference, 256, 32, 64);
        double standard = maxDifference(model, input, reference, TILE, 32, DEFAULT);
        try (ModelPredictors models = ModelPredictors.load(List.of(model), ComputeDevice.CPU, OptionalInt.empty())) {
            assertEquals(256, models.members().get(0).predictor().halo(), "the ResUNet's default halo");
        }
        assertTrue(standard < 0.5 / 255, "max difference with the default halo: " + standard);
        assertTrue(small > standard, "a smaller halo cuts off more context");
    }

    /**
     * The other two networks at their default halos: the ResNet-50 U-Net (256) and DeepEM3D (240, stride 16: valid
     * regions of 160 at 0, 128 and 160, inputs 16, 144 and 176 from the reference's origin).
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"RESUNET50", "DEEPEM3D"})
    void otherArchitecturesTiledMatchWholeSlice(Architecture architecture) {
        Path model = TinyModels.of(architecture, 11, 40);
        Path input = TinyModels.volume(1, SIZE, SIZE, 21);
        float[] reference = wholeImage(model, input, SIZE, PAD);
        System.out.print(architecture + ": ");
        double max = maxDifference(model, input, reference, TILE, 32, DEFAULT);
        assertTrue(max < 0.5 / 255, architecture + ": max difference with the default halo: " + max);
    }

    /**
     * The same for a network trained at half resolution ({@code --downsample 2}): it predicts full-resolution
     * probabilities, its halo doubles to 512 pixels of the volume, and the stride grid to 64. Slices of 576 (at
     * least one halo wide); tiles of 1280 with an overlap of 64 have valid regions at 0, 192 and 320, inputs at −512,
     * −320 and −192, i.e. 0, 192 and 320 from the reference's origin.
     */
    @Test
    void downsampledNetworkTiledMatchesWholeSlice() {
        Path model = TinyModels.resunetDownsampled(11, 40, 2, 1);
        int size = 576;
        Path input = TinyModels.volume(1, size, size, 21);
        float[] reference = wholeImage(model, input, size, 2 * PAD);
        double max = maxDifference(model, input, reference, 2 * TILE, 64, DEFAULT);
        assertTrue(max < 0.5 / 255, "max difference with the default halo at downsample 2: " + max);
    }

    /**
     * Largest |tiled − whole| over the volume (halo {@link #DEFAULT}: the models' own), after checking the output has
     * structure.
     */
    private double maxDifference(Path model, Path input, float[] reference, int tile, int overlap, int halo) {
        Path out = dir.resolve("tiled-" + tile + "-" + halo + ".tif");
        PredictionRequest.Builder b = PredictionRequest.builder(List.of(model), VolumeLocation.of(input),
                VolumeLocation.of(out)).optTile(tile).optOverlap(overlap).optOutputType(OutputType.PROB32);
        if (halo != DEFAULT) {
            b.optHalo(halo);
        }
        PredictionJob.run(b.build(), Progress.NONE);
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
        System.out.printf("tile %d, halo %d: max |tiled - whole| = %.5f (probability std %.3f)%n", tile, halo, max,
                Math.sqrt(spread));
        assertTrue(Math.sqrt(spread) > 0.05, "the trained network's output has structure");
        return max;
    }

    /** Foreground probability {@code [z][y][x]} predicting each slice, mirror-padded by {@code pad}, in one pass. */
    private static float[] wholeImage(Path model, Path input, int size, int pad) {
        Block vol;
        try (VolumeReader r = Volumes.open(input.toString())) {
            vol = r.readAll();
        }
        int d = (int) vol.box().depth();
        int p = size + 2 * pad;
        float[] result = new float[d * size * size];
        try (ModelPredictors models = ModelPredictors.load(List.of(model), ComputeDevice.CPU, 0)) {
            ModelPredictors.Member m = models.members().get(0);
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
