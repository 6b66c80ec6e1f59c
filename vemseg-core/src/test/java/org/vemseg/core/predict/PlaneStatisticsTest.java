package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vemseg.core.Progress;
import org.vemseg.core.predict.TestPredictors.MeanFilter;
import org.vemseg.core.transform.GeometricVariant;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

class PlaneStatisticsTest {

    /** Slices of different brightness and contrast, so each slice's statistics differ. */
    private static Block volume(DataType type, int d, int h, int w, long seed) {
        Block b = Block.allocate(Box.ofShape(d, h, w), type);
        SplittableRandom r = new SplittableRandom(seed);
        int i = 0;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 60 + 25 * z + (20 + 10 * z) * Math.sin(x * 0.21) * Math.cos(y * 0.17)
                            + 30 * r.nextDouble();
                    b.set(i++, type.isFloating() ? v * 3.7 : v);
                }
            }
        }
        return b;
    }

    private static double[] slice(Block b, int z) {
        Box box = b.box();
        int n = (int) (box.height() * box.width());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.get(z * n + i);
        }
        return v;
    }

    /** numpy.percentile's default (linear) on a copy. */
    private static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    @Test
    void eightBitStatisticsAreExactPerSliceEvenWhenReadInPiecesOfChunks() {
        Block b = volume(DataType.UINT8, 5, 300, 41, 1);
        double[] qs = {0, 1, 50, 99.8, 100};
        // Chunks of 16 x 16 and pieces of about 1000 voxels per read: each slab is read in many pieces, with
        // truncated chunks at the plane's end. Slices 0..3 are one slab.
        InMemoryVolumeReader reader = new InMemoryVolumeReader(b);
        VolumeInfo chunked = new VolumeInfo(5, 300, 41, DataType.UINT8, Optional.empty(), new int[] {1, 16, 16});
        PlaneStatistics stats = new PlaneStatistics(chunked, box -> {
            assertTrue(box.height() % 16 == 0 || box.end(1) == 300, "whole chunks in y: " + box);
            assertTrue(box.width() % 16 == 0 || box.end(2) == 41, "whole chunks in x: " + box);
            return reader.read(box);
        }, qs, 1000);
        PlaneStatistics.Stats[] s = stats.of(new long[] {3, 1, 2, 0, 1});
        int[] z = {3, 1, 2, 0, 1};
        for (int k = 0; k < z.length; k++) {
            double[] v = slice(b, z[k]);
            assertEquals(mean(v), s[k].mean(), 1e-9, "mean of slice " + z[k]);
            assertEquals(std(v), s[k].std(), 1e-9, "std of slice " + z[k]);
            for (double q : qs) {
                assertEquals(percentile(v, q), s[k].percentile(q), 1e-9, q + "th percentile of slice " + z[k]);
            }
        }
        assertTrue(s[0].mean() > s[3].mean() + 50, "slices differ, so a mix-up would show");
        assertTrue(reader.requests().size() > 8, "read in pieces: " + reader.requests().size());
    }

    @Test
    void sixteenBitStatisticsAreExactAcrossTheWholeRange() {
        // 16-bit EM (many SBEM and FIB-SEM detectors) spans far more than 8 bits: values up to ~60,000 here
        Block b = Block.allocate(Box.ofShape(3, 90, 70), DataType.UINT16);
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 3 * 90 * 70; i++) {
            int z = i / (90 * 70);
            b.set(i, 2000 + 15000 * z + r.nextInt(20000 + 10000 * z));
        }
        double[] qs = {0, 1, 50, 99.8, 100};
        PlaneStatistics stats = new PlaneStatistics(new InMemoryVolumeReader(b), qs);
        for (int z = 0; z < 3; z++) {
            double[] v = slice(b, z);
            PlaneStatistics.Stats s = stats.of(z);
            assertEquals(mean(v), s.mean(), 1e-9 * mean(v), "mean of slice " + z);
            assertEquals(std(v), s.std(), 1e-9 * std(v), "std of slice " + z);
            for (double q : qs) {
                assertEquals(percentile(v, q), s.percentile(q), 1e-9, q + "th percentile of slice " + z);
            }
        }
        assertTrue(stats.of(2).percentile(100) > 40_000, "above 8 and 15 bits: " + stats.of(2).percentile(100));
    }

    @Test
    void floatPercentilesAreWithinOneBinAndMeanAndStdExact() {
        Block b = volume(DataType.FLOAT32, 2, 64, 77, 2);
        double[] qs = {0, 2, 98, 100};
        PlaneStatistics stats = new PlaneStatistics(new InMemoryVolumeReader(b), qs);
        for (int z = 0; z < 2; z++) {
            double[] v = slice(b, z);
            PlaneStatistics.Stats s = stats.of(z);
            double range = Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow();
            assertEquals(mean(v), s.mean(), 1e-9 * range);
            assertEquals(std(v), s.std(), 1e-9 * range);
            assertEquals(percentile(v, 0), s.percentile(0), 0, "the minimum is exact");
            assertEquals(percentile(v, 100), s.percentile(100), 1e-12 * range, "the maximum is exact");
            for (double q : new double[] {2, 98}) {
                assertEquals(percentile(v, q), s.percentile(q), range / 65535, q + "th percentile");
            }
        }
    }

    /** Tiles of a plane normalised per plane equal the whole plane normalised by its own statistics. */
    @Test
    void tiledPredictionWithPerPlaneNormalisationEqualsEachWholePlane() {
        Block in = volume(DataType.UINT8, 4, 70, 53, 3);
        MeanFilter net = new MeanFilter(1, 24, 2, 3, 1);
        for (PlaneNormalization norm : new PlaneNormalization[] {PlaneNormalization.zeroMeanUnitVariance(1e-6),
            PlaneNormalization.scaleRange(1, 99.8, 1e-6)}) {
            InMemoryVolumeWriter w = new InMemoryVolumeWriter(4, 70, 53, DataType.FLOAT32, new int[] {1, 16, 16},
                    false);
            TiledPrediction p = TiledPrediction.builder().addModel(net, norm).optTile(24).optOverlap(6).optTta(8)
                    .optOutputType(OutputType.PROB32).build();
            p.run(new InMemoryVolumeReader(in), w, Progress.NONE);
            w.commit();
            float[] tiled = w.result().floats();
            double max = 0;
            int n = 70 * 53;
            for (int z = 0; z < 4; z++) {
                double[] v = slice(in, z);
                Normalization own = norm.kind() == PlaneNormalization.Kind.ZERO_MEAN_UNIT_VARIANCE
                        ? new Normalization(mean(v), std(v) + 1e-6)
                        : new Normalization(percentile(v, 1), percentile(v, 99.8) - percentile(v, 1) + 1e-6);
                Block plane = in.crop(new Box(z, 0, 0, 1, 70, 53));
                float[] whole = WholeImageReference.predict(plane, net, own, GeometricVariant.first(8));
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, Math.abs(whole[n + i] - tiled[z * n + i]));
                }
            }
            assertTrue(max < 1e-5, norm + ": max |tiled - whole plane| = " + max);
        }
    }
}
