package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;

class TilePlanTest {

    @Test
    void tilesAdvanceByTheStrideAndTheLastIsShiftedInward() {
        // tile 32, halo 4 -> valid 24, overlap 8 -> stride 16
        TileGeometry g = TileGeometry.square(32, 4, 8);
        TilePlan p = TilePlan.cover(70, 24, g);
        assertEquals(4, p.rows());
        assertArrayEquals(new long[] {0, 16, 32, 46}, new long[] {p.validY(0), p.validY(1), p.validY(2), p.validY(3)});
        assertEquals(1, p.columns());
        assertEquals(-4, p.inputY0());
        assertEquals(46 + 24 + 4 - (-4), p.inputHeight());
        assertEquals(32, p.inputWidth());
    }

    @Test
    void everyPixelOfTheRegionIsCoveredByFullSizeValidRegionsInsideTheVolume() {
        TileGeometry g = TileGeometry.square(40, 6, 10);
        for (long n = 28; n < 200; n += 7) {
            for (long u0 = 0; u0 < n; u0 += 13) {
                for (long u1 = u0 + 1; u1 <= n; u1 += 17) {
                    long[] s = TilePlan.starts(n, u0, u1, g.validHeight(), g.strideY(), 1);
                    boolean[] covered = new boolean[(int) n];
                    for (long start : s) {
                        assertTrue(start >= 0 && start + g.validHeight() <= n, "valid region inside the volume");
                        for (long i = start; i < start + g.validHeight(); i++) {
                            covered[(int) i] = true;
                        }
                    }
                    for (long i = u0; i < u1; i++) {
                        assertTrue(covered[(int) i], "pixel " + i + " of [" + u0 + "," + u1 + ") in " + n);
                    }
                    for (int k = 1; k < s.length; k++) {
                        assertTrue(s[k] - s[k - 1] >= 1 && s[k] - s[k - 1] <= g.strideY(), "stride");
                    }
                }
            }
        }
    }

    /**
     * A network that downsamples by 32 gives other results for inputs shifted by other distances, so on a plane of
     * 1000 (not a multiple of 32) the last tile must not be shifted inward to 1000 - valid = 744 (8 mod 32), as it
     * was: every start is a multiple of 32, and the last valid region reaches into the mirror padding instead.
     */
    @Test
    void tilesStartOnTheStrideGridOfTheWholePlane() {
        TileGeometry g = TileGeometry.square(768, 128, 64, 32); // valid 512, stride 448
        for (long n : new long[] {1000, 1024, 1537, 4099}) {
            for (long u0 = 0; u0 < n; u0 += 100) {
                for (long u1 = u0 + 1; u1 <= n; u1 += 211) {
                    long[] s = TilePlan.starts(n, u0, u1, g.validHeight(), g.strideY(), g.multiple());
                    for (long start : s) {
                        assertEquals(0, start % 32, "start " + start + " on a plane of " + n);
                    }
                    assertTrue(s[0] <= u0 && s[s.length - 1] + g.validHeight() >= u1, "covers [" + u0 + "," + u1
                            + ") of " + n + ": " + java.util.Arrays.toString(s));
                    assertTrue(s[s.length - 1] + g.validHeight() < n + 32, "reaches past the end by less than 32");
                    for (int k = 1; k < s.length; k++) {
                        assertTrue(s[k] > s[k - 1] && s[k] - s[k - 1] <= g.strideY(), "stride");
                    }
                }
            }
        }
        TilePlan p = TilePlan.cover(1000, 1000, g);
        assertEquals(3, p.rows());
        assertArrayEquals(new long[] {0, 448, 512}, new long[] {p.validY(0), p.validY(1), p.validY(2)});
    }

    @Test
    void theStrideIsRoundedDownToTheMultiple() {
        TileGeometry g = TileGeometry.square(512, 100, 50, 32); // valid 312, 312 - 50 = 262 -> 256
        assertEquals(256, g.strideY());
        assertEquals(262, TileGeometry.square(512, 100, 50).strideY());
        assertThrows(VemsegException.InvalidInput.class, () -> TileGeometry.square(256, 100, 40, 32));
    }

    @Test
    void volumesSmallerThanATileGetOneSmallerTile() {
        TileGeometry g = TileGeometry.square(64, 8, 16).fitTo(10, 30, 8);
        assertEquals(32, g.tileHeight()); // 10 + 16 = 26, rounded up to a multiple of 8
        assertEquals(48, g.tileWidth()); // 30 + 16 = 46 -> 48
        TilePlan p = TilePlan.cover(10, 30, g);
        assertEquals(1, p.tileCount());
        assertEquals(0, p.validY(0));
        assertEquals(-8, p.inputX0());
        assertEquals(TileGeometry.square(64, 8, 16, 8), TileGeometry.square(64, 8, 16, 8).fitTo(100, 100, 8));
    }

    @Test
    void tooSmallTilesAreAClearError() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> TileGeometry.square(40, 16, 8));
        assertTrue(e.getMessage().contains("halo of 16"), e.getMessage());
        assertThrows(VemsegException.InvalidInput.class, () -> TileGeometry.square(32, 8, 16));
    }

    @Test
    void reflectMatchesNumpyPadReflect() {
        // np.pad(np.arange(4), 3, mode='reflect')
        long[] four = {3, 2, 1, 0, 1, 2, 3, 2, 1, 0};
        for (int i = -3; i < 7; i++) {
            assertEquals(four[i + 3], Reflect.index(i, 4), "index " + i);
        }
        // np.pad(np.arange(2), 5, mode='reflect'): pads wider than the axis keep reflecting
        long[] two = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
        for (int i = -5; i < 7; i++) {
            assertEquals(two[i + 5], Reflect.index(i, 2), "index " + i);
        }
        assertEquals(0, Reflect.index(-7, 1));
    }
}
