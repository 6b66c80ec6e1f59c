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
                    long[] s = TileAxis.rows(n, g).starts(u0, u1, g.strideY());
                    boolean[] covered = new boolean[(int) n];
                    for (long input : s) {
                        long start = input + 6;
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
            TileAxis axis = TileAxis.rows(n, g);
            for (long u0 = 0; u0 < n; u0 += 100) {
                for (long u1 = u0 + 1; u1 <= n; u1 += 211) {
                    long[] s = axis.starts(u0, u1, g.strideY());
                    for (long input : s) {
                        assertEquals(0, (input + 128) % 32, "input " + input + " on a plane of " + n);
                    }
                    assertTrue(s[0] + 128 <= u0 && s[s.length - 1] + 768 - 128 >= u1, "covers [" + u0 + "," + u1
                            + ") of " + n + ": " + java.util.Arrays.toString(s));
                    assertTrue(s[s.length - 1] + 768 - 128 < n + 32, "reaches past the end by less than 32");
                    for (int k = 1; k < s.length; k++) {
                        assertTrue(s[k] > s[k - 1] && s[k] - s[k - 1] <= g.strideY(), "stride");
                    }
                }
            }
        }
        TilePlan p = TilePlan.cover(1000, 1000, g);
        assertEquals(3, p.rows());
        assertArrayEquals(new long[] {0, 448, 512}, new long[] {p.validY(0), p.validY(1), p.validY(2)});
        assertEquals(1000 - 512, p.validHeight(2), "the last valid region ends at the volume's end");
    }

    /**
     * With a border narrower than the halo, the whole plane of 1000 is one input [-b, E), E = roundUp(1000 + 2b, 32)
     * - b. Tiles (768, halo 128, stride 448) lie on its grid, the first input starts at -b and is trusted from 0, the
     * last ends at E and is trusted to 1000, and sides between tiles keep the halo.
     */
    @Test
    void edgeTilesStartAndEndWithTheWholePlanesInput() {
        TileGeometry g = TileGeometry.square(768, 128, 64, 32).withBorder(0);
        TilePlan p = TilePlan.cover(1000, 1000, g);
        // E = 1024; inputs at 0, 448 and 1024 - 768 = 256.
        assertArrayEquals(new long[] {0, 256}, new long[] {p.inputY(0), p.inputY(1)});
        assertEquals(2, p.rows(), p.toString());
        assertEquals(0, p.validY(0));
        assertEquals(768 - 128, p.validHeight(0), "trusted from the volume's start, halo only at the far side");
        assertEquals(256 + 128, p.validY(1));
        assertEquals(1000 - 384, p.validHeight(1));
        assertEquals(1024, p.inputY0() + p.inputHeight(), "the union of inputs is the whole plane's");

        TileGeometry b40 = TileGeometry.square(768, 128, 64, 32).withBorder(40);
        TilePlan q = TilePlan.cover(2000, 2000, b40); // E = roundUp(2080, 32) - 40 = 2040
        assertEquals(-40, q.inputY(0));
        assertEquals(0, q.validY(0));
        assertEquals(768 - 40 - 128, q.validHeight(0));
        assertEquals(2040 - 768, q.inputY(q.rows() - 1));
        assertEquals(2000, q.validY(q.rows() - 1) + q.validHeight(q.rows() - 1));
        for (int i = 0; i < q.rows(); i++) {
            assertEquals(0, (q.inputY(i) + 40) % 32, "on the whole plane's grid: " + q);
            if (i > 0) {
                assertEquals(q.inputY(i) + 128, q.validY(i), "the halo between tiles");
            }
        }
    }

    /**
     * For any border from 0 to the halo, any multiple and any region of a plane: inputs on the whole plane's grid and
     * inside its input, valid regions inside the volume covering the region, trusted to the volume's edges only where
     * the input reaches the whole input's edge, and the halo kept everywhere else.
     */
    @Test
    void anyBorderCoversAnyRegionOnTheWholePlanesGrid() {
        int halo = 12;
        for (int m : new int[] {1, 8}) {
            for (int border : new int[] {0, 5, halo}) {
                TileGeometry g = TileGeometry.square(64, halo, 8, m).withBorder(border);
                for (long n = 20; n < 260; n += 9) {
                    TileAxis axis = TileAxis.rows(n, g);
                    long end = (n + 2L * border + m - 1) / m * m - border;
                    assertEquals(end, axis.end());
                    for (long u0 = 0; u0 < n; u0 += 11) {
                        for (long u1 = u0 + 1; u1 <= n; u1 += 23) {
                            checkCover(axis, g, u0, u1, end);
                        }
                    }
                }
            }
        }
    }

    private static void checkCover(TileAxis axis, TileGeometry g, long u0, long u1, long end) {
        long n = axis.n();
        int border = g.border();
        int tile = Math.min(g.tileHeight(), (int) (end + border));
        TileAxis fitted = new TileAxis(n, tile, g.halo(), border, g.multiple());
        long[] s = fitted.starts(u0, u1, g.strideY());
        String where = "[" + u0 + "," + u1 + ") of " + n + ", border " + border + ", multiple " + g.multiple() + ": "
                + java.util.Arrays.toString(s);
        boolean[] covered = new boolean[(int) n];
        for (long input : s) {
            assertEquals(0, Math.floorMod(input + border, g.multiple()), "on the grid: " + where);
            assertTrue(input >= -border && input + tile <= end, "inside the whole input: " + where);
            long a = fitted.validStart(input);
            long b = fitted.validEnd(input);
            assertEquals(input == -border ? 0 : input + g.halo(), a, where);
            assertEquals(input + tile == end ? n : input + tile - g.halo(), b, where);
            assertTrue(a >= 0 && b <= n && a < b, "valid region inside the volume: " + where);
            for (long i = a; i < b; i++) {
                covered[(int) i] = true;
            }
        }
        for (long i = u0; i < u1; i++) {
            assertTrue(covered[(int) i], "pixel " + i + " of " + where);
        }
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
