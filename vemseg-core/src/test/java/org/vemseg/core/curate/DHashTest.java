package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

class DHashTest {

    private static final int H = CurationOptions.DEFAULT_HAMMING;
    private static final int S = TestPatches.SIZE;

    @Test
    void bitsCompareNeighbouringCellsLeftToRight() {
        // 9 columns of 2 px, brightness rising to the right in row band 0..1, falling elsewhere.
        int w = 18;
        int h = 8;
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (byte) (y == 0 ? 10 * (x / 2) : 200 - 10 * (x / 2));
            }
        }
        assertEquals(0xFFL, DHash.of(p, h, w));
        assertEquals("00000000000000ff", DHash.hex(DHash.of(p, h, w)));
    }

    @Test
    void identicalPatchesHashEqual() {
        Block slice = TestPatches.syntheticSlice(5);
        byte[] a = TestPatches.crop(slice, 100, 100, S);
        assertEquals(DHash.of(a, S, S), DHash.of(a.clone(), S, S));
    }

    @Test
    void shiftedNoisyAndBrighterCopiesStayWithinThreshold() {
        Block slice = TestPatches.syntheticSlice(5);
        for (int[] at : new int[][] {{40, 40}, {250, 300}, {450, 100}}) {
            byte[] a = TestPatches.crop(slice, at[0], at[1], S);
            long h = DHash.of(a, S, S);
            assertTrue(DHash.distance(h, DHash.of(TestPatches.crop(slice, at[0] + 2, at[1] + 2, S), S, S)) <= H,
                    "shift by 2 px at " + at[0] + "," + at[1]);
            assertTrue(DHash.distance(h, DHash.of(TestPatches.noisy(a, 8, 1), S, S)) <= H, "noise sigma 8");
            assertTrue(DHash.distance(h, DHash.of(TestPatches.brighter(a, 25), S, S)) <= 2, "brightness +25");
        }
    }

    @Test
    void distinctSyntheticPatchesDifferByMoreThanThreshold() {
        Block slice = TestPatches.syntheticSlice(5);
        List<Long> hashes = new ArrayList<>();
        for (int y = 0; y + S <= 720; y += S) {
            for (int x = 0; x + S <= 720; x += S) {
                hashes.add(DHash.of(TestPatches.crop(slice, y, x, S), S, S));
            }
        }
        assertAllPairsApart(hashes);
    }

    /** Real SBEM: shifted and noisy copies are caught; the 16 places of a slice are all far apart. */
    @Test
    void realSbemCopiesCaughtAndDistinctPlacesKept() {
        Path dir = SharedData.require("cdeep3m-mito/train/images");
        try (VolumeReader r = Volumes.open(dir.toString())) {
            List<Long> hashes = new ArrayList<>();
            for (int y = 64; y + S <= 1000; y += S) {
                for (int x = 64; x + S <= 1000; x += S) {
                    byte[] p = r.read(new Box(3, y, x, 1, S, S)).bytes();
                    long h = DHash.of(p, S, S);
                    hashes.add(h);
                    byte[] shifted = r.read(new Box(3, y + 2, x - 2, 1, S, S)).bytes();
                    assertTrue(DHash.distance(h, DHash.of(shifted, S, S)) <= H, "shift at " + y + "," + x);
                    assertTrue(DHash.distance(h, DHash.of(TestPatches.noisy(p, 10, y + x), S, S)) <= H, "noise");
                }
            }
            assertAllPairsApart(hashes);
        }
    }

    @Test
    void tooSmallPatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DHash.of(new byte[64], 8, 8));
    }

    private static void assertAllPairsApart(List<Long> hashes) {
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                int d = DHash.distance(hashes.get(i), hashes.get(j));
                assertTrue(d > H, "patches " + i + " and " + j + " differ by only " + d + " bits");
            }
        }
    }
}
