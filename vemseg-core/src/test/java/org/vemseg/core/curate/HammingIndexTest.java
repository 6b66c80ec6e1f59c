package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HammingIndexTest {

    /** Random hashes plus planted near copies; every radius 0..20 agrees with a brute-force scan. */
    @Test
    void findsExactlyTheNeighboursABruteForceScanFinds() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 20_000;
        long[] stored = new long[n];
        HammingIndex index = new HammingIndex();
        for (int i = 0; i < n; i++) {
            stored[i] = i % 3 == 0 || i == 0 ? rnd.nextLong() : flip(stored[i - 1 - rnd.nextInt(Math.min(i, 50))],
                    rnd.nextInt(14), rnd);
            index.add(stored[i], 1000 + i);
        }
        assertEquals(n, index.size());
        for (int q = 0; q < 300; q++) {
            long query = q % 2 == 0 ? flip(stored[rnd.nextInt(n)], rnd.nextInt(12), rnd) : rnd.nextLong();
            int radius = q % 21;
            int[] expected = Arrays.stream(indicesWithin(stored, query, radius)).map(i -> 1000 + i).toArray();
            assertArrayEquals(expected, index.within(query, radius), "query " + q + " radius " + radius);
            Optional<HammingIndex.Match> nearest = index.nearest(query, radius);
            assertEquals(expected.length > 0, nearest.isPresent());
            if (nearest.isPresent()) {
                int best = Arrays.stream(expected).map(id -> DHash.distance(stored[id - 1000], query)).min().getAsInt();
                assertEquals(best, nearest.get().distance());
                assertEquals(best, DHash.distance(stored[nearest.get().id() - 1000], query));
            }
        }
    }

    @Test
    void plantedNeighboursAreFoundAtEveryDistanceUpToTheRadius() {
        SplittableRandom rnd = new SplittableRandom(7);
        long base = rnd.nextLong();
        HammingIndex index = new HammingIndex();
        for (int d = 0; d <= 16; d++) {
            index.add(flip(base, d, rnd), d);
        }
        for (int radius = 0; radius <= 16; radius++) {
            int[] found = index.within(base, radius);
            assertEquals(radius + 1, found.length, "radius " + radius);
        }
        assertEquals(0, index.nearest(base, 3).orElseThrow().id());
    }

    @Test
    void emptyIndexFindsNothing() {
        HammingIndex index = new HammingIndex();
        assertTrue(index.nearest(123L, 10).isEmpty());
        assertEquals(0, index.within(123L, 64).length);
    }

    private static int[] indicesWithin(long[] stored, long query, int radius) {
        return java.util.stream.IntStream.range(0, stored.length)
                .filter(i -> Long.bitCount(stored[i] ^ query) <= radius).toArray();
    }

    /** Flips exactly {@code bits} distinct random bits. */
    private static long flip(long h, int bits, SplittableRandom rnd) {
        long mask = 0;
        while (Long.bitCount(mask) < bits) {
            mask |= 1L << rnd.nextInt(64);
        }
        return h ^ mask;
    }
}
