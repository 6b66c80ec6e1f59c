package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

class InformativeScoreTest {

    private static final int S = TestPatches.SIZE;
    private static final double THRESHOLD = CurationOptions.DEFAULT_MIN_SCORE;

    private static double score(byte[] p) {
        return InformativeScore.of(p, S).score();
    }

    @Test
    void blankAndSaturatedPatchesScoreZero() {
        assertEquals(0, score(TestPatches.flat(0, 0, S, 0)), 1e-9);
        assertEquals(0, score(TestPatches.flat(128, 0, S, 0)), 1e-9);
        InformativeScore white = InformativeScore.of(TestPatches.flat(255, 0, S, 0), S);
        assertEquals(1.0, white.clipped(), 1e-9);
        assertEquals(0, white.score(), 1e-9);
    }

    @Test
    void noisyEmptyResinScoresBelowThreshold() {
        for (double sigma : new double[] {3, 8, 15}) {
            double s = score(TestPatches.flat(140, sigma, S, 11));
            assertTrue(s < THRESHOLD * 0.75, "flat + noise sigma " + sigma + " scored " + s);
        }
    }

    @Test
    void smoothShadingRampIsFeatureless() {
        byte[] ramp = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                ramp[y * S + x] = (byte) (40 + x * 170 / S);
            }
        }
        InformativeScore r = InformativeScore.of(ramp, S);
        assertTrue(r.contrast() > 150, "a ramp has contrast: " + r);
        assertTrue(r.score() < THRESHOLD / 2, "but no detail: " + r);
    }

    @Test
    void syntheticEmPassesTheThreshold() {
        Block slice = TestPatches.syntheticSlice(5);
        for (int y = 0; y + S <= 720; y += S) {
            for (int x = 0; x + S <= 720; x += S) {
                double s = score(TestPatches.crop(slice, y, x, S));
                assertTrue(s >= THRESHOLD, "synthetic EM at " + y + "," + x + " scored " + s);
            }
        }
    }

    /** Every patch of the CDeep3M SBEM stack is tissue; all score far above the threshold. */
    @Test
    void realSbemPatchesScoreHighAndDegradedCopiesLow() {
        Path dir = SharedData.require("cdeep3m-mito/train/images");
        try (VolumeReader r = Volumes.open(dir.toString())) {
            double min = Double.MAX_VALUE;
            for (int z = 0; z < 20; z += 3) {
                for (int y = 64; y + S <= 960; y += S) {
                    for (int x = 64; x + S <= 960; x += S) {
                        min = Math.min(min, score(r.read(new Box(z, y, x, 1, S, S)).bytes()));
                    }
                }
            }
            assertTrue(min > 3 * THRESHOLD, "lowest SBEM score " + min);

            byte[] tissue = r.read(new Box(3, 300, 300, 1, S, S)).bytes();
            double full = score(tissue);
            byte[] faded = new byte[tissue.length];
            byte[] halfSaturated = tissue.clone();
            for (int i = 0; i < tissue.length; i++) {
                faded[i] = (byte) (128 + ((tissue[i] & 0xFF) - 128) / 8);
                if (i < tissue.length / 2) {
                    halfSaturated[i] = (byte) 255;
                }
            }
            assertTrue(score(faded) < THRESHOLD, "contrast / 8 scored " + score(faded));
            double half = score(halfSaturated);
            assertTrue(half < 0.6 * full && half > 0.2 * full, "half saturated " + half + " vs " + full);
        }
    }
}
