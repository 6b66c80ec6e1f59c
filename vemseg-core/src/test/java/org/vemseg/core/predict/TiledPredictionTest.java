package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.predict.TestPredictors.CellMean;
import org.vemseg.core.predict.TestPredictors.FailingAfter;
import org.vemseg.core.predict.TestPredictors.FrameDifference;
import org.vemseg.core.predict.TestPredictors.HorizontalGradient;
import org.vemseg.core.predict.TestPredictors.MeanFilter;
import org.vemseg.core.predict.TestPredictors.ThreeClasses;
import org.vemseg.core.transform.GeometricVariant;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

class TiledPredictionTest {

    private static final Normalization NORM = new Normalization(128, 40);

    /** A smooth uint8 EM-like volume with noise, so probabilities spread over (0, 1). */
    static Block volume(int d, int h, int w, long seed) {
        Block b = Block.allocate(Box.ofShape(d, h, w), DataType.UINT8);
        SplittableRandom r = new SplittableRandom(seed);
        int i = 0;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 128 + 60 * Math.sin(x * 0.21 + z * 0.7) * Math.cos(y * 0.17)
                            + 40 * (r.nextDouble() - 0.5);
                    b.set(i++, v);
                }
            }
        }
        return b;
    }

    private static InMemoryVolumeWriter writer(Block in, DataType type, int[] chunk, boolean sequential) {
        Box b = in.box();
        return new InMemoryVolumeWriter(b.depth(), b.height(), b.width(), type, chunk, sequential);
    }

    /** Largest difference between a float32 result and class {@code c} of a reference. */
    private static double maxDifference(Block result, float[] reference, int c) {
        int n = result.size();
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(result.floats()[i] - reference[c * n + i]));
        }
        return max;
    }

    private static float[] run(TiledPrediction p, Block in, int[] chunk, boolean sequential) {
        InMemoryVolumeWriter w = writer(in, DataType.FLOAT32, chunk, sequential);
        p.run(new InMemoryVolumeReader(in), w, Progress.NONE);
        w.commit();
        return w.result().floats();
    }

    @Test
    void tiledPredictionEqualsWholeImagePredictionForAnyUnitLayout() {
        Block in = volume(6, 70, 53, 1);
        MeanFilter net = new MeanFilter(3, 24, 2, 3, 1);
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1));
        record Layout(int[] chunk, boolean sequential, long budget) {
        }
        List<Layout> layouts = List.of(
                new Layout(new int[] {1, 70, 53}, false, 64L << 20), // whole planes, several slices per unit
                new Layout(new int[] {2, 16, 16}, false, 64L << 20), // chunked output
                new Layout(new int[] {2, 16, 16}, false, 30_000), // tiny budget: bands in y and x
                new Layout(new int[] {1, 8, 53}, true, 30_000)); // sequential (TIFF-like), banded in y
        for (Layout l : layouts) {
            TiledPrediction p = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(6)
                    .optOutputType(OutputType.PROB32).optBudgetBytes(l.budget()).build();
            InMemoryVolumeWriter w = writer(in, DataType.FLOAT32, l.chunk(), l.sequential());
            p.run(new InMemoryVolumeReader(in), w, Progress.NONE);
            w.commit();
            double diff = maxDifference(w.result(), reference, 1);
            assertTrue(diff < 1e-4, "max |tiled - whole| = " + diff + " for chunk "
                    + java.util.Arrays.toString(l.chunk()) + ", budget " + l.budget());
        }
    }

    /**
     * Whatever the mirror border (0 by default, 3, or the halo of 5), tiles of 40 on planes of 100 x 90, in whole
     * planes or in units of 36 x 20, give what the whole plane predicted in one call with that border gives: the
     * filter reads its input's edge (clamping), so the tiles at the plane's edges must start their input where the
     * whole plane's does, {@code border} pixels before the volume, and end where it ends, rounded up to the multiple
     * of 8. (Before, several tiles kept the full halo of mirror padding at the plane's edges whatever the border.)
     */
    @Test
    void anyBorderGivesTheWholePlanesResultHoweverThePlaneIsTiled() {
        Block in = volume(2, 100, 90, 6);
        MeanFilter net = new MeanFilter(1, 48, 5, 3, 8);
        for (int border : new int[] {0, 3, 5}) {
            float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1), border);
            for (int[] chunk : new int[][] {{1, 100, 90}, {1, 36, 20}}) {
                TiledPrediction.Builder b = TiledPrediction.builder().addModel(net, NORM).optTile(40).optOverlap(4)
                        .optOutputType(OutputType.PROB32);
                if (border > 0) {
                    b.optBorder(border);
                }
                TiledPrediction p = b.build();
                assertTrue(TilePlan.cover(100, 90, p.geometryFor(new InMemoryVolumeReader(in).info())).tileCount() > 4);
                double diff = maxDifference(Block.wrap(in.box(), DataType.FLOAT32, run(p, in, chunk, false)), reference,
                        1);
                assertTrue(diff < 1e-5, "max |tiled - whole| = " + diff + " with border " + border + ", chunks "
                        + java.util.Arrays.toString(chunk));
            }
        }
    }

    /**
     * A network that pools by 8 equals its whole-plane prediction only where tiles start a multiple of 8 from the
     * whole plane's origin. Planes of 100 x 90 (not multiples of 8) and an overlap of 4 (stride 20 before rounding)
     * used to put the second tile and the last one, shifted inward, off that grid.
     */
    @Test
    void tiledEqualsWholePlaneForAStridedNetworkOnPlanesOfAnySize() {
        Block in = volume(2, 100, 90, 5);
        CellMean net = new CellMean(40, 8);
        float[] whole = run(TiledPrediction.builder().addModel(net, NORM).optTile(128).optOverlap(4)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 100, 90}, false);
        for (int[] chunk : new int[][] {{1, 100, 90}, {1, 36, 20}}) {
            float[] tiled = run(TiledPrediction.builder().addModel(net, NORM).optTile(40).optOverlap(4)
                    .optOutputType(OutputType.PROB32).build(), in, chunk, false);
            double max = 0;
            for (int i = 0; i < whole.length; i++) {
                max = Math.max(max, Math.abs(whole[i] - tiled[i]));
            }
            assertTrue(max < 1e-5, "max |tiled - whole| = " + max + " with chunks " + java.util.Arrays.toString(chunk));
        }
    }

    @Test
    void theDefaultChunkGetsShallowerUntilItsUnitsFitTheBudget() {
        Block in = volume(40, 70, 53, 1);
        MeanFilter net = new MeanFilter(1, 24, 2, 3, 1);
        VolumeInfo info = new InMemoryVolumeReader(in).info();
        int[] preferred = {32, 16, 16};
        TiledPrediction roomy = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(6)
                .optOutputType(OutputType.PROB32).optBudgetBytes(64L << 20).build();
        assertEquals(32, roomy.outputChunkFor(info, preferred, false)[0], "a roomy budget keeps the preferred depth");

        // The largest budget that no longer holds 32-slice units gives a shallower chunk that does run.
        long budget = 64L << 20;
        int depth = 32;
        TiledPrediction tight = roomy;
        while (depth == 32) {
            budget /= 2;
            tight = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(6)
                    .optOutputType(OutputType.PROB32).optBudgetBytes(budget).build();
            depth = tight.outputChunkFor(info, preferred, false)[0];
        }
        assertTrue(depth >= 1 && depth < 32, "depth " + depth);
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1));
        InMemoryVolumeWriter w = writer(in, DataType.FLOAT32, new int[] {depth, 16, 16}, false);
        tight.run(new InMemoryVolumeReader(in), w, Progress.NONE);
        w.commit();
        assertTrue(maxDifference(w.result(), reference, 1) < 1e-4);
        TiledPrediction starved = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(6)
                .optOutputType(OutputType.PROB32).optBudgetBytes(1).build();
        assertEquals(1, starved.outputChunkFor(info, preferred, false)[0], "never below one slice");
    }

    @Test
    void volumesSmallerThanATileAreMirrorPadded() {
        Block in = volume(3, 10, 7, 2);
        MeanFilter net = new MeanFilter(1, 32, 2, 3, 8);
        TiledPrediction p = TiledPrediction.builder().addModel(net, NORM).optOutputType(OutputType.PROB32)
                .optOverlap(8).optTta(8).build();
        assertEquals(16, p.geometryFor(new InMemoryVolumeReader(in).info()).tileHeight());
        float[] result = run(p, in, new int[] {1, 10, 7}, false);
        // The whole image, rounded up to the filter's multiple (16 x 8), mirror padded beyond the plane.
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1));
        double max = 0;
        for (int i = 0; i < result.length; i++) {
            max = Math.max(max, Math.abs(result[i] - reference[result.length + i]));
        }
        assertTrue(max < 1e-4, "max difference " + max);
    }

    /**
     * Planes narrower than the halo (here 1 x 40 and 10 x 7 against a halo of 48) are predicted, not refused: one
     * tile covers the plane and its mirror border (none, 5 pixels, or as wide as the halo, then folded back and forth
     * across the plane), and gives exactly the whole plane predicted in one call with that border. They used to be
     * refused, so a model trained with {@code --downsample 4} (halo 1024 pixels) could not predict the 768 x 1024
     * slices it was trained on.
     */
    @Test
    void planesSmallerThanTheHaloAreTheWholeMirrorPaddedPlane() {
        MeanFilter net = new MeanFilter(1, 256, 48, 3, 8);
        for (int[] plane : new int[][] {{1, 40}, {10, 7}}) {
            Block in = volume(2, plane[0], plane[1], 3);
            for (int border : new int[] {0, 5, 48}) {
                TiledPrediction.Builder b = TiledPrediction.builder().addModel(net, NORM)
                        .optOutputType(OutputType.PROB32).optOverlap(4);
                if (border > 0) {
                    b.optBorder(border);
                }
                TiledPrediction p = b.build();
                assertTrue(p.halo() > Math.max(plane[0], plane[1]));
                float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1), border);
                double diff = maxDifference(Block.wrap(in.box(), DataType.FLOAT32,
                        run(p, in, new int[] {1, plane[0], plane[1]}, false)), reference, 1);
                assertTrue(diff < 1e-5, "max |tiled - whole| = " + diff + " on planes of " + plane[0] + " x "
                        + plane[1] + " with border " + border);
            }
        }
    }

    @Test
    void ttaUndoesEachVariantOnTheOutput() {
        Block in = volume(2, 40, 33, 4);
        HorizontalGradient net = new HorizontalGradient(20);
        // Reference: the 8 variants applied to the whole image, predicted, undone and averaged.
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(8));
        TiledPrediction p8 = TiledPrediction.builder().addModel(net, NORM).optTta(8).optOverlap(4)
                .optOutputType(OutputType.PROB32).build();
        float[] tta8 = run(p8, in, new int[] {1, 40, 33}, false);
        double max = 0;
        for (int i = 0; i < tta8.length; i++) {
            max = Math.max(max, Math.abs(tta8[i] - reference[tta8.length + i]));
        }
        assertTrue(max < 1e-5, "tta 8 differs from the whole-image reference by " + max);
        // A flipped horizontal gradient is the negated gradient once undone: sigmoid(g) and sigmoid(-g)
        // average to exactly 0.5. Without a correct undo, they would not cancel.
        TiledPrediction p2 = TiledPrediction.builder().addModel(net, NORM).optTta(2).optOverlap(4)
                .optOutputType(OutputType.PROB32).build();
        float[] tta2 = run(p2, in, new int[] {1, 40, 33}, false);
        float[] tta1 = run(TiledPrediction.builder().addModel(net, NORM).optOverlap(4)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 40, 33}, false);
        double spread = 0;
        for (int i = 0; i < tta2.length; i++) {
            assertEquals(0.5, tta2[i], 1e-5);
            spread = Math.max(spread, Math.abs(tta1[i] - 0.5));
        }
        assertTrue(spread > 0.3, "the gradient detector responds without TTA");
        // A vertical flip keeps a horizontal gradient: {identity, FLIP_Y} equals no TTA.
        float[] flipY = run(TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optOutputType(OutputType.PROB32)
                .optVariants(List.of(GeometricVariant.first(4).get(0), GeometricVariant.first(4).get(2))).build(),
                in, new int[] {1, 40, 33}, false);
        for (int i = 0; i < tta2.length; i++) {
            assertEquals(tta1[i], flipY[i], 1e-5);
        }
    }

    @Test
    void ttaOfAnEquivariantPredictorEqualsThePlainPrediction() {
        Block in = volume(5, 37, 45, 5);
        MeanFilter net = new MeanFilter(3, 24, 2, 3, 1);
        float[] plain = run(TiledPrediction.builder().addModel(net, NORM).optOverlap(6)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 37, 45}, false);
        float[] tta16 = run(TiledPrediction.builder().addModel(net, NORM).optOverlap(6).optTta(16)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 37, 45}, false);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], tta16[i], 1e-5);
        }
    }

    @Test
    void oneFrameModelsSkipZFlippedVariants() {
        Block in = volume(2, 20, 20, 6);
        MeanFilter net = new MeanFilter(1, 20, 2, 3, 1);
        run(TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optTta(16).optBatchSize(64)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {2, 20, 20}, false);
        assertEquals(8, net.calls, "one call per distinct variant");
    }

    @Test
    void ensemblesAverageModelsAndReportTheirSpread() {
        Block in = volume(4, 30, 41, 7);
        MeanFilter a = new MeanFilter(1, 20, 2, 3, 1);
        MeanFilter b = new MeanFilter(3, 20, 1, -2, 1);
        Normalization other = new Normalization(100, 20);
        float[] ra = WholeImageReference.predict(in, a, NORM, GeometricVariant.first(1));
        float[] rb = WholeImageReference.predict(in, b, other, GeometricVariant.first(1));
        TiledPrediction p = TiledPrediction.builder().addModel(a, NORM).addModel(b, other).optOverlap(4)
                .optOutputType(OutputType.PROB32).build();
        InMemoryVolumeWriter out = writer(in, DataType.FLOAT32, new int[] {1, 16, 16}, false);
        InMemoryVolumeWriter spread = writer(in, DataType.FLOAT32, new int[] {1, 16, 16}, false);
        p.run(new InMemoryVolumeReader(in), out, Optional.of(spread), Progress.NONE);
        int n = in.size();
        for (int i = 0; i < n; i++) {
            float pa = ra[n + i];
            float pb = rb[n + i];
            assertEquals((pa + pb) / 2, out.result().floats()[i], 1e-4);
            assertEquals(Math.abs(pa - pb) / 2, spread.result().floats()[i], 2e-3);
        }
    }

    @Test
    void modelsGetTheirOwnZNeighboursMirroredAtTheEnds() {
        int d = 7;
        Block in = Block.allocate(Box.ofShape(d, 12, 13), DataType.FLOAT32);
        for (int i = 0; i < in.size(); i++) {
            int z = i / (12 * 13);
            in.floats()[i] = z * z + 0.01f * (i % 13);
        }
        for (int frames : new int[] {3, 5}) {
            FrameDifference net = new FrameDifference(frames, 16);
            float[] got = run(TiledPrediction.builder().addModel(net, Normalization.NONE).optOverlap(4)
                    .optOutputClass(0).optOutputType(OutputType.PROB32).optBudgetBytes(1).build(), in,
                    new int[] {1, 12, 13}, false);
            for (int z = 0; z < d; z++) {
                long first = Reflect.index(z - frames / 2, d);
                long last = Reflect.index(z + frames / 2, d);
                float expected = last * last - first * first;
                assertEquals(expected, got[z * 12 * 13 + 5], 1e-3, frames + " frames, slice " + z);
            }
        }
        // Centre frame of a 3- and a 5-frame model together: both see slice z in the middle.
        float[] centre = run(TiledPrediction.builder().addModel(new FrameDifference(3, 16), Normalization.NONE)
                .addModel(new FrameDifference(5, 16), Normalization.NONE).optOverlap(4).optOutputClass(1)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 12, 13}, false);
        for (int i = 0; i < centre.length; i++) {
            assertEquals(in.floats()[i], centre[i], 1e-4);
        }
        // 3-frame difference at z=3 is 16 - 4 = 12, at z=0 mirrored to 1 - 1 = 0; the ensemble averages.
        float[] both = run(TiledPrediction.builder().addModel(new FrameDifference(3, 16), Normalization.NONE)
                .addModel(new FrameDifference(5, 16), Normalization.NONE).optOverlap(4).optOutputClass(0)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 12, 13}, false);
        assertEquals((12 + 24) / 2f, both[3 * 12 * 13], 1e-3);
    }

    @Test
    void prob8AndMaskOutputsEncodeTheAveragedProbability() {
        Block in = volume(3, 33, 29, 8);
        MeanFilter net = new MeanFilter(1, 20, 2, 3, 1);
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1));
        int n = in.size();
        InMemoryVolumeWriter prob8 = writer(in, DataType.UINT8, new int[] {1, 33, 29}, true);
        TiledPrediction.builder().addModel(net, NORM).optOverlap(4).build()
                .run(new InMemoryVolumeReader(in), prob8, Progress.NONE);
        InMemoryVolumeWriter mask = writer(in, DataType.UINT8, new int[] {1, 33, 29}, true);
        TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optOutputType(OutputType.MASK).optThreshold(0.6)
                .build().run(new InMemoryVolumeReader(in), mask, Progress.NONE);
        int exact = 0;
        int foreground = 0;
        for (int i = 0; i < n; i++) {
            float p = reference[n + i];
            int expected = Math.round(p * 255);
            int got = prob8.result().bytes()[i] & 0xFF;
            assertTrue(Math.abs(expected - got) <= 1, "prob8 " + got + " for p = " + p);
            exact += expected == got ? 1 : 0;
            int m = mask.result().bytes()[i];
            if (Math.abs(p - 0.6) > 1e-4) {
                assertEquals(p >= 0.6 ? 1 : 0, m, "mask for p = " + p);
            }
            foreground += m;
        }
        assertTrue(exact > 0.99 * n);
        assertTrue(foreground > 0.05 * n && foreground < 0.95 * n, "threshold splits the volume");
    }

    @Test
    void multiClassMaskIsTheArgmaxAndProbabilitiesAreOfTheChosenClass() {
        Block in = volume(2, 25, 31, 9);
        ThreeClasses net = new ThreeClasses(16);
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1));
        int n = in.size();
        InMemoryVolumeWriter mask = writer(in, DataType.UINT8, new int[] {1, 25, 31}, false);
        TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optOutputType(OutputType.MASK).build()
                .run(new InMemoryVolumeReader(in), mask, Progress.NONE);
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                if (reference[c * n + i] > reference[best * n + i]) {
                    best = c;
                }
            }
            counts[mask.result().bytes()[i]]++;
            assertEquals(best, mask.result().bytes()[i]);
        }
        assertTrue(counts[0] > 0 && counts[1] > 0 && counts[2] > 0, "all three labels occur");
        float[] class2 = run(TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optOutputClass(2)
                .optOutputType(OutputType.PROB32).build(), in, new int[] {1, 25, 31}, false);
        for (int i = 0; i < n; i++) {
            assertEquals(reference[2 * n + i], class2[i], 1e-4);
        }
    }

    @Test
    void memoryIsBoundedByReadingThinSlabs() {
        int d = 40;
        Block in = volume(d, 48, 48, 10);
        MeanFilter net = new MeanFilter(5, 24, 2, 3, 1);
        InMemoryVolumeReader reader = new InMemoryVolumeReader(in);
        TiledPrediction p = TiledPrediction.builder().addModel(net, NORM).optOverlap(6)
                .optOutputType(OutputType.PROB32).optBudgetBytes(360_000).build();
        InMemoryVolumeWriter w = writer(in, DataType.FLOAT32, new int[] {1, 48, 48}, false);
        p.run(reader, w, Progress.NONE);
        int maxDepth = reader.requests().stream().mapToInt(b -> (int) b.depth()).max().orElseThrow();
        long planesRead = reader.requests().stream().mapToLong(Box::depth).sum();
        assertTrue(maxDepth <= 2 + 4, "read boxes of at most a 2-slice unit plus 4 context slices, got " + maxDepth);
        assertTrue(reader.requests().size() >= d / 2, "many small reads, got " + reader.requests().size());
        assertTrue(planesRead <= 3L * d, "context re-read stays bounded: " + planesRead);
        float[] reference = WholeImageReference.predict(in, net, NORM, GeometricVariant.first(1));
        assertTrue(maxDifference(w.result(), reference, 1) < 1e-4);
    }

    @Test
    void resumeSkipsFinishedChunksWithoutReadingTheirInput() {
        Block in = volume(10, 20, 24, 11);
        MeanFilter net = new MeanFilter(3, 16, 2, 3, 1);
        InMemoryVolumeWriter fresh = writer(in, DataType.UINT8, new int[] {2, 20, 24}, true);
        TiledPrediction p = TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optBudgetBytes(1).build();
        p.run(new InMemoryVolumeReader(in), fresh, Progress.NONE);

        InMemoryVolumeWriter resumed = writer(in, DataType.UINT8, new int[] {2, 20, 24}, true);
        Set<Box> done = new HashSet<>(BlockGrid.of(resumed.info()).subList(0, 2)); // slices 0-3
        resumed.preWritten(done, 77);
        InMemoryVolumeReader reader = new InMemoryVolumeReader(in);
        CountingProgress progress = new CountingProgress();
        p.run(reader, resumed, Optional.empty(), progress);
        assertEquals(3, resumed.blocksWritten());
        assertEquals(5, progress.total.get());
        assertEquals(5, progress.done.get(), "skipped blocks count as done");
        long firstRead = reader.requests().stream().mapToLong(Box::z).min().orElseThrow();
        assertEquals(3, firstRead, "only the context slice below the first unfinished unit is read");
        int plane = 20 * 24;
        for (int i = 0; i < in.size(); i++) {
            int expected = i < 4 * plane ? 77 : fresh.result().bytes()[i] & 0xFF;
            assertEquals(expected, resumed.result().bytes()[i] & 0xFF);
        }
    }

    @Test
    void progressCountsEveryOutputBlock() {
        Block in = volume(4, 20, 20, 12);
        CountingProgress progress = new CountingProgress();
        InMemoryVolumeWriter w = writer(in, DataType.UINT8, new int[] {1, 8, 8}, false);
        TiledPrediction.builder().addModel(new MeanFilter(1, 16, 2, 1, 1), NORM).optOverlap(4).build()
                .run(new InMemoryVolumeReader(in), ChunkSink.of(w), Optional.empty(), progress);
        assertEquals(4 * 3 * 3, progress.total.get());
        assertEquals(4 * 3 * 3, progress.done.get());
        assertTrue(progress.finished);
    }

    @Test
    void failuresStopThePipelineWithTheOriginalError() {
        Block in = volume(12, 20, 20, 13);
        TiledPrediction p = TiledPrediction.builder().addModel(new FailingAfter(3), NORM).optOverlap(4)
                .optBatchSize(1).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.run(new InMemoryVolumeReader(in),
                writer(in, DataType.UINT8, new int[] {1, 20, 20}, false), Progress.NONE));
        assertTrue(e.getMessage().contains("call 3"), e.getMessage());
        InMemoryVolumeReader broken = new InMemoryVolumeReader(in) {
            @Override
            public Block read(Box box) {
                if (box.z() > 4) {
                    throw new VemsegException.Corrupt("slice " + box.z() + " is truncated");
                }
                return super.read(box);
            }
        };
        TiledPrediction ok = TiledPrediction.builder().addModel(new MeanFilter(1, 16, 2, 1, 1), NORM).optOverlap(4)
                .optBudgetBytes(1).build();
        assertThrows(VemsegException.Corrupt.class, () -> ok.run(broken,
                writer(in, DataType.UINT8, new int[] {1, 20, 20}, false), Progress.NONE));
    }

    @Test
    void mismatchedSetupsAreOneLineErrors() {
        Block in = volume(2, 20, 20, 14);
        MeanFilter net = new MeanFilter(1, 16, 2, 1, 1);
        VemsegException type = assertThrows(VemsegException.InvalidInput.class, () -> TiledPrediction.builder()
                .addModel(net, NORM).optOverlap(4).build()
                .run(new InMemoryVolumeReader(in), writer(in, DataType.FLOAT32, new int[] {1, 20, 20}, false),
                        Progress.NONE));
        assertTrue(type.getMessage().contains("prob8"), type.getMessage());
        assertThrows(VemsegException.InvalidInput.class, () -> TiledPrediction.builder().addModel(net, NORM)
                .addModel(new ThreeClasses(16), NORM).build());
        assertThrows(VemsegException.InvalidInput.class, () -> TiledPrediction.builder()
                .addModel(new MeanFilter(1, 16, 2, 1, 8), NORM).optTile(20).build());
        assertThrows(VemsegException.InvalidInput.class, () -> TiledPrediction.builder().addModel(net, NORM)
                .optOutputClass(2).build());
        // No tile of at most 16 advances past a halo of 2 and an overlap of 12: refused when planning.
        TiledPrediction crowded = TiledPrediction.builder().addModel(net, NORM).optOverlap(12).build();
        VolumeInfo info = new InMemoryVolumeReader(in).info();
        assertThrows(VemsegException.InvalidInput.class, () -> crowded.geometryFor(info));
        assertThrows(VemsegException.InvalidInput.class, () -> TiledPrediction.builder().addModel(net, NORM)
                .optOverlap(12).optTile(16).build());
    }

    /** Records what a prediction reports. */
    static final class CountingProgress implements Progress {
        final AtomicLong total = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        volatile boolean finished;

        @Override
        public void start(String task, long t, String unit) {
            total.set(t);
            assertEquals("blocks", unit);
        }

        @Override
        public void advance(long amount) {
            done.addAndGet(amount);
        }

        @Override
        public void finish() {
            finished = true;
        }
    }
}
