package org.vemseg.core.curate;

import java.util.Arrays;

/**
 * Finds stored 64-bit hashes within a Hamming distance of a query, fast enough for millions of hashes:
 * multi-index hashing (Norouzi et al., 2012). Each hash is split into four 16-bit bands and filed in
 * one table per band. Two hashes within distance {@code d} agree to within {@code d / 4} bits in at
 * least one band (pigeonhole), so a query looks up, in each band, every key within {@code d / 4} bits of
 * its own, and checks the full distance only for those candidates. Exact for every distance.
 *
 * <p>Memory: 28 bytes per hash (the hash, the caller's id, one link per band) plus 1 MiB of tables; no
 * per-entry objects. Not thread-safe.
 */
public final class HammingIndex {

    private static final int BANDS = 4;
    private static final int BAND_BITS = 16;
    private static final int KEYS = 1 << BAND_BITS;
    /** All 16-bit masks ordered by the number of set bits; {@link #FIRST_WITH_BITS}[k] is where k starts. */
    private static final int[] MASKS_BY_BITS = new int[KEYS];
    private static final int[] FIRST_WITH_BITS = new int[BAND_BITS + 2];

    static {
        int at = 0;
        for (int bits = 0; bits <= BAND_BITS; bits++) {
            FIRST_WITH_BITS[bits] = at;
            for (int m = 0; m < KEYS; m++) {
                if (Integer.bitCount(m) == bits) {
                    MASKS_BY_BITS[at++] = m;
                }
            }
        }
        FIRST_WITH_BITS[BAND_BITS + 1] = at;
    }

    /** The most recent entry filed under each key of each band, or -1. */
    private final int[][] heads = new int[BANDS][KEYS];
    /** For each band, the previous entry under the same key (a linked list through entries), or -1. */
    private final int[][] next = new int[BANDS][];
    private long[] hashes = new long[1024];
    private int[] ids = new int[1024];
    private int size;

    public HammingIndex() {
        for (int b = 0; b < BANDS; b++) {
            Arrays.fill(heads[b], -1);
            next[b] = new int[1024];
        }
    }

    /** A hit: the caller's id and the Hamming distance to the query. */
    public record Match(int id, int distance) {
    }

    /** Number of stored hashes. */
    public int size() {
        return size;
    }

    /** Stores a hash under the caller's id (ids need not be unique or ordered). */
    public void add(long hash, int id) {
        if (size == hashes.length) {
            int n = Math.max(16, size + (size >> 1));
            hashes = Arrays.copyOf(hashes, n);
            ids = Arrays.copyOf(ids, n);
            for (int b = 0; b < BANDS; b++) {
                next[b] = Arrays.copyOf(next[b], n);
            }
        }
        hashes[size] = hash;
        ids[size] = id;
        for (int b = 0; b < BANDS; b++) {
            int key = band(hash, b);
            next[b][size] = heads[b][key];
            heads[b][key] = size;
        }
        size++;
    }

    /**
     * The stored hash nearest to {@code query} if it lies within {@code maxDistance} bits; ties go to the
     * earliest stored.
     */
    public java.util.Optional<Match> nearest(long query, int maxDistance) {
        Match[] best = {null};
        visit(query, maxDistance, (entry, d) -> {
            Match b = best[0];
            if (b == null || d < b.distance() || (d == b.distance() && entry < b.id())) {
                best[0] = new Match(entry, d);
            }
        });
        return java.util.Optional.ofNullable(best[0]).map(m -> new Match(ids[m.id()], m.distance()));
    }

    /** Ids of all stored hashes within {@code maxDistance} bits of {@code query}, in storage order. */
    public int[] within(long query, int maxDistance) {
        int[][] found = {new int[8]};
        int[] n = {0};
        visit(query, maxDistance, (entry, d) -> {
            if (n[0] == found[0].length) {
                found[0] = Arrays.copyOf(found[0], n[0] * 2);
            }
            found[0][n[0]++] = entry;
        });
        int[] entries = Arrays.copyOf(found[0], n[0]);
        Arrays.sort(entries);
        int[] result = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            result[i] = ids[entries[i]];
        }
        return result;
    }

    private interface Visitor {
        void hit(int entry, int distance);
    }

    /** Calls the visitor once for every stored entry within {@code maxDistance} of the query. */
    private void visit(long query, int maxDistance, Visitor visitor) {
        if (maxDistance < 0 || maxDistance > 64) {
            throw new IllegalArgumentException("Hamming distance must be 0..64, was " + maxDistance);
        }
        int radius = maxDistance / BANDS;
        int endMasks = FIRST_WITH_BITS[radius + 1];
        for (int b = 0; b < BANDS; b++) {
            int key = band(query, b);
            for (int m = 0; m < endMasks; m++) {
                for (int e = heads[b][key ^ MASKS_BY_BITS[m]]; e >= 0; e = next[b][e]) {
                    long h = hashes[e];
                    if (foundInEarlierBand(query, h, b, radius)) {
                        continue; // already reported when that band was searched
                    }
                    int d = Long.bitCount(h ^ query);
                    if (d <= maxDistance) {
                        visitor.hit(e, d);
                    }
                }
            }
        }
    }

    private static boolean foundInEarlierBand(long query, long h, int band, int radius) {
        for (int b = 0; b < band; b++) {
            if (Integer.bitCount(band(query, b) ^ band(h, b)) <= radius) {
                return true;
            }
        }
        return false;
    }

    private static int band(long hash, int b) {
        return (int) (hash >>> (b * BAND_BITS)) & (KEYS - 1);
    }
}
