package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalQuantilesTest {

    @Test
    void inverseCdfMatchesKnownQuantiles() {
        assertEquals(0.0, NormalQuantiles.inverseCdf(0.5), 1e-12);
        assertEquals(1.959963985, NormalQuantiles.inverseCdf(0.975), 1e-8);
        assertEquals(-2.326347874, NormalQuantiles.inverseCdf(0.01), 1e-8); // lower tail branch
        assertEquals(3.090232306, NormalQuantiles.inverseCdf(0.999), 1e-8); // upper tail branch
        assertEquals(-NormalQuantiles.inverseCdf(0.3), NormalQuantiles.inverseCdf(0.7), 1e-12);
    }

    @Test
    void theTableIsAStandardNormalDistribution() {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < NormalQuantiles.SIZE; i++) {
            double v = NormalQuantiles.at(i);
            sum += v;
            squares += v * v;
            if (i > 0) {
                assertTrue(v > NormalQuantiles.at(i - 1), "quantiles increase");
            }
        }
        assertEquals(0.0, sum / NormalQuantiles.SIZE, 1e-6);
        // midpoint quantiles lose only the far tails: the variance falls short of 1 by less than 0.001
        assertEquals(1.0, squares / NormalQuantiles.SIZE, 1e-3);
        assertEquals(4.33, -NormalQuantiles.at(0), 0.01);
    }

    @Test
    void addedNoiseHasTheRequestedSpreadAndRepeatsFromASavedState() {
        SeededRandom rng = new SeededRandom(7);
        SeededRandom copy = new SeededRandom(rng.state());
        float[] a = new float[1_000_003]; // not a multiple of the four values drawn per random number
        float[] b = new float[a.length];
        rng.addNormalNoise(a, 0.5f);
        copy.addNormalNoise(b, 0.5f);
        assertArrayEquals(a, b, 0f);
        assertEquals(rng.state(), copy.state());
        double sum = 0;
        double squares = 0;
        int beyondTwoSigma = 0;
        for (float v : a) {
            sum += v;
            squares += v * v;
            beyondTwoSigma += Math.abs(v) > 1.0 ? 1 : 0;
        }
        double mean = sum / a.length;
        assertEquals(0.0, mean, 0.002);
        assertEquals(0.5, Math.sqrt(squares / a.length - mean * mean), 0.002);
        // a normal distribution has 4.55 % beyond 2σ (a uniform one of the same σ has none)
        assertEquals(0.0455, beyondTwoSigma / (double) a.length, 0.002);
        assertTrue(a[a.length - 1] != 0f, "the last value gets noise too");
    }
}
