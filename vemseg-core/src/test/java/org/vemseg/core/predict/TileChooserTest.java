package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

class TileChooserTest {

    private static final long MB = 1L << 20;

    /**
     * Limits of a resunet-like network (halo 256, stride 32, 600 bytes of activations per pixel), batch 2, mirror
     * border as wide as the halo.
     */
    private static TileChooser.Limits limits(long callBytes, long heapBytes) {
        return limits(256, callBytes, heapBytes);
    }

    private static TileChooser.Limits limits(int border, long callBytes, long heapBytes) {
        return new TileChooser.Limits(256, border, 64, 32, Integer.MAX_VALUE, 2, 600, 14, 0, callBytes, heapBytes);
    }

    private static TileGeometry choose(long h, long w, TileChooser.Limits l) {
        return TileChooser.choose(h, w, l, l.heapBytes());
    }

    private static long computed(long h, long w, TileGeometry g) {
        return (long) TilePlan.cover(h, w, g).tileCount() * g.tileHeight() * g.tileWidth();
    }

    @Test
    void aPlaneThatFitsIsOneCallWithMirrorPaddingOnlyAtItsBorders() {
        TileGeometry g = choose(1024, 1024, limits(4096 * MB, 1024 * MB));
        assertEquals(1536, g.tileHeight());
        assertEquals(1536, g.tileWidth());
        assertEquals(1, TilePlan.cover(1024, 1024, g).tileCount());
        TileGeometry lucchi = choose(768, 1024, limits(4096 * MB, 1024 * MB));
        assertEquals(1280, lucchi.tileHeight());
        assertEquals(1536, lucchi.tileWidth());
        // With no mirror border the call is the plane itself (rounded up to the stride).
        TileGeometry bare = choose(768, 1000, limits(0, 4096 * MB, 1024 * MB));
        assertEquals(new TileGeometry(768, 1024, 256, 64, 32, 0), bare);
        assertEquals(1, TilePlan.cover(768, 1000, bare).tileCount());
    }

    /** Against every square tile the memory allows (the old default was a square 1024), the choice computes least. */
    @Test
    void largerPlanesGetTheLayoutThatComputesLeast() {
        TileChooser.Limits l = limits(2048 * MB, 1024 * MB);
        for (long n : new long[] {2000, 4096, 5000}) {
            TileGeometry g = choose(n, n, l);
            assertTrue((long) g.tileHeight() * g.tileWidth() <= l.maxPixels(), "fits: " + g);
            long best = computed(n, n, g);
            for (int t = 608; (long) t * t <= l.maxPixels(); t += 32) {
                TileGeometry square = TileGeometry.square(t, 256, 64, 32).fitTo(n, n, 32);
                assertTrue(best <= computed(n, n, square), n + ": " + g + " computes more than " + square);
            }
            assertTrue(best < computed(n, n, TileGeometry.square(1024, 256, 64, 32)));
        }
    }

    /**
     * An 8192² plane with the default budgets of a 1 GiB heap (units a quarter of it) and 1 GiB for a call: the tiles
     * shrink until the call, the tile runner's buffers and the smallest units in flight fit, never the whole plane.
     */
    @Test
    void an8192PlaneUnderAOneGigabyteHeapGetsTilesThatFit() {
        long heap = 1024 * MB;
        TestPredictors.PixelPredictor net = new TestPredictors.PixelPredictor(1, 2, Integer.MAX_VALUE, 256, 32) {
            @Override
            public long workingBytesPerPixel() {
                return 600;
            }

            @Override
            void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
                values[0] = 1;
                values[1] = 0;
            }
        };
        TiledPrediction p = TiledPrediction.builder().addModel(net, Normalization.NONE).optBatchSize(2)
                .optBudgetBytes(heap / 4).optCallBytes(heap).build();
        VolumeInfo big = VolumeInfo.ofSlices(100, 8192, 8192, DataType.UINT8, Optional.empty());
        TileGeometry g = p.geometryFor(big);
        long pixels = (long) g.tileHeight() * g.tileWidth();
        assertTrue(2 * pixels * 600 <= heap, "the call fits: " + g);
        assertTrue(g.tileHeight() < 8192 && g.tileWidth() < 8192, "not the whole plane: " + g);
        int[] chunk = p.outputChunkFor(big, new int[] {32, 256, 256}, false);
        long need = PredictionPlan.planner(p, big, chunk, false, 0).minimumCost() + p.runnerBytes(g);
        assertTrue(need <= heap - heap / 8, "heap needed " + (need >> 20) + " MB for " + g);
    }

    @Test
    void memoryTooSmallForTheSmallestTileIsAOneLineError() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> choose(8192, 8192, limits(64 * MB, 1024 * MB)));
        assertTrue(e.getMessage().contains("'halo'") && e.getMessage().contains("608 x 608"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        TileChooser.Limits starved = limits(4096 * MB, MB);
        assertThrows(VemsegException.InvalidInput.class, () -> TileChooser.choose(8192, 8192, starved, 8 * MB));
    }

    @Test
    void aModelsLargestTileCapsTheChoice() {
        TileChooser.Limits capped = new TileChooser.Limits(2, 2, 4, 8, 24, 2, 0, 10, 0, 1L << 30, 1L << 30);
        TileGeometry g = choose(100, 90, capped);
        assertTrue(g.tileHeight() <= 24 && g.tileWidth() <= 24, g.toString());
        TileChooser.Limits tooSmall = new TileChooser.Limits(16, 16, 4, 8, 24, 2, 0, 10, 0, 1L << 30,
                1L << 30);
        assertThrows(VemsegException.InvalidInput.class, () -> choose(100, 90, tooSmall));
    }
}
