package org.vemseg.nn.bmz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

/**
 * A real EM crop (cdeep3m-mito/valid, 1 × 256 × 256) written as .tif and .npy, and PyTorch's whole-image prediction
 * of it with a TorchScript model ({@code bench/bmz/torchscript_predict.py}, TTA 8), to compare vemseg's tiled
 * prediction with. Skips the calling test without the shared data or a Python with torch.
 */
final class WholeImageComparison {

    static final int SIZE = 256;
    /** Pixels at the image border left out: vemseg pads the volume, PyTorch only inside each convolution. */
    static final int MARGIN = 32;

    final Path tif;
    final Path npy;

    private WholeImageComparison(Path tif, Path npy) {
        this.tif = tif;
        this.npy = npy;
    }

    static WholeImageComparison emCrop(Path dir) throws IOException {
        Path data = SharedData.require("cdeep3m-mito/valid").resolve("images");
        assumeTrue(PyTorch.python().isPresent(), "no python3 with torch: the PyTorch comparison is skipped");
        Block crop;
        try (VolumeReader r = Volumes.open(data.toString())) {
            crop = r.read(new Box(0, 300, 300, 1, SIZE, SIZE));
        }
        Path tif = dir.resolve("crop.tif");
        Volumes.write(VolumeLocation.of(tif), crop, Optional.empty(), WriteOptions.defaults());
        float[] raw = new float[crop.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) crop.get(i);
        }
        Path npy = dir.resolve("crop.npy");
        Files.write(npy, Npy.float32(new long[] {1, SIZE, SIZE}, raw));
        return new WholeImageComparison(tif, npy);
    }

    /** PyTorch's whole-image probabilities (classes × H × W) with the normalisation written as vemseg's --norm. */
    float[] whole(Path weights, String norm) throws IOException {
        Path expected = npy.resolveSibling("whole-" + Integer.toHexString(norm.hashCode()) + ".npy");
        PyTorch.Result r = PyTorch.run(List.of(PyTorch.script("torchscript_predict.py"), weights.toString(),
                npy.toString(), norm, expected.toString()));
        assertEquals(0, r.exitCode(), r.output());
        return Npy.readFloat32(Files.readAllBytes(expected)).orElseThrow().values();
    }

    /**
     * Asserts that a written foreground probability is within 1e-4 of channel 1 of {@code whole} inside the margin,
     * and prints the largest difference after {@code what}.
     */
    static void assertMatches(Path prediction, float[] whole, String what) throws IOException {
        double max = maxDifference(prediction, whole, 1);
        System.out.println(what + " vs PyTorch whole image: max |diff| = " + max);
        assertTrue(max <= 1e-4, what + ": max |tiled - whole| = " + max);
    }

    /** Largest |difference| between a written prediction and channel {@code channel} of {@code whole}, inside. */
    private static double maxDifference(Path prediction, float[] whole, int channel) throws IOException {
        Block tiled;
        try (VolumeReader rd = Volumes.open(prediction.toString())) {
            tiled = rd.readAll();
        }
        double max = 0;
        for (int y = MARGIN; y < SIZE - MARGIN; y++) {
            for (int x = MARGIN; x < SIZE - MARGIN; x++) {
                double v = tiled.get(y * SIZE + x);
                max = Math.max(max, Math.abs(v - whole[channel * SIZE * SIZE + y * SIZE + x]));
            }
        }
        return max;
    }
}
