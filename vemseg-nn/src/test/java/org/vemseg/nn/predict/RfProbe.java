package org.vemseg.nn.predict;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.Normalization;
import org.vemseg.core.volume.Block;
import org.vemseg.nn.model.ComputeDevice;

/**
 * Diagnostic, run by hand (not a test: no assertions): how far the network's output at the centre of a
 * crop changes with the margin around it, i.e. its effective receptive field. Run with
 * {@code mvn -pl vemseg-nn test -Dtest=RfProbe -DargLine=-Diters=200}.
 */
class RfProbe {
    @Test
    void probe() {
        int iters = Integer.getInteger("iters", 40);
        Path model = TinyModels.resunet(11, iters, 1);
        int n = 512;
        Path input = TinyModels.volume(1, n, n, 21);
        Block vol;
        try (VolumeReader r = Volumes.open(input.toString())) {
            vol = r.readAll();
        }
        try (ModelPredictors models = ModelPredictors.load(List.of(model), ComputeDevice.CPU, 0)) {
            ModelPredictors.Member m = models.members().get(0);
            Normalization nz = (Normalization) m.normalization(); // a .vsm bundle's is fixed
            float[] in = new float[n * n];
            for (int i = 0; i < n * n; i++) {
                in[i] = (float) ((vol.get(i) - nz.mean()) / nz.std());
            }
            float[] whole = new float[2 * n * n];
            m.predictor().predict(in, 1, n, n, whole);
            int c0 = 224; // centre 64x64 at [224, 288)
            for (int s : new int[] {64, 128, 192, 256, 320, 384, 448}) {
                int o = 256 - s / 2; // crop start, multiple of 32
                float[] cin = new float[s * s];
                for (int y = 0; y < s; y++) {
                    System.arraycopy(in, (o + y) * n + o, cin, y * s, s);
                }
                float[] cout = new float[2 * s * s];
                m.predictor().predict(cin, 1, s, s, cout);
                double max = 0;
                for (int y = c0; y < c0 + 64; y++) {
                    for (int x = c0; x < c0 + 64; x++) {
                        max = Math.max(max, Math.abs(cout[s * s + (y - o) * s + (x - o)] - whole[n * n + y * n + x]));
                    }
                }
                System.out.printf("crop %d (margin %d): max diff in centre 64 = %.5f%n", s, (s - 64) / 2, max);
            }
        }
    }
}
