package org.vemseg.core.predict;

import java.util.Locale;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;

/**
 * Chooses the tile shape for a plane when the user gave none: the shape that computes the fewest network input
 * pixels for the plane among those whose network calls fit the memory allowed.
 *
 * <p>A plane whose tile (plane + 2 border, rounded up to the size multiple) fits is predicted in one call per slice:
 * mirror padding only at its edges, no halo between tiles. Otherwise, for every pair of tile height and width
 * (multiples of the size multiple, up to the memory limit) the tiles needed to cover the plane are counted as
 * {@link TilePlan} places them, and the pair with the fewest computed pixels wins (ties: fewer, larger tiles), which
 * also lays the tiles out so that the last one wastes little. Tiles need not be square.
 *
 * <p>Memory of one network call with tiles of {@code th x tw} pixels: {@code batch * th * tw * workingBytes} of the
 * engine's (activations) and the tile runner's float buffers, {@code th * tw * 4 * runnerFloats} bytes of Java heap;
 * the units in flight need about {@code IN_FLIGHT * 4 * (1 + 2 context) * th * tw} bytes of heap more when the tile
 * covers the unit. Calls must fit {@code callBytes}, the heap parts {@code heapBytes}.
 */
final class TileChooser {

    private TileChooser() {
    }

    /** What the choice depends on besides the plane's size; all sizes in pixels, memory in bytes. */
    record Limits(int halo, int border, int overlap, int multiple, int maxTile, int batch, long workingBytes,
            int runnerFloats, int context, long callBytes, long heapBytes) {

        /** Heap bytes per tile pixel: the runner's buffers and the input of the units in flight. */
        long heapPerPixel() {
            return 4L * runnerFloats + 4L * UnitPlanner.IN_FLIGHT * (1 + 2L * context);
        }

        Limits withHeap(long bytes) {
            return new Limits(halo, border, overlap, multiple, maxTile, batch, workingBytes, runnerFloats, context,
                    callBytes, bytes);
        }

        /** The most pixels a tile may have. */
        long maxPixels() {
            long byCall = workingBytes > 0 ? callBytes / (batch * workingBytes) : Long.MAX_VALUE;
            return Math.min(byCall, heapBytes / heapPerPixel());
        }
    }

    /**
     * The tile geometry for a plane of {@code height x width} within {@code l}, or if no tile fits its heap part (the
     * units' budget, a target) within {@code heapBytes} (what the heap can hold at all). Throws InvalidInput (one
     * line, naming the settings) if not even the smallest tile that advances, {@code 2 halo + overlap + multiple} on a
     * side, fits those.
     */
    static TileGeometry choose(long height, long width, Limits l, long heapBytes) {
        TileGeometry g = best(height, width, l);
        if (g == null && heapBytes > l.heapBytes()) {
            g = best(height, width, l.withHeap(heapBytes));
        }
        if (g == null) {
            throw tooSmall(l.withHeap(Math.max(heapBytes, l.heapBytes())), Math.min(candidates(height, l)[0],
                    candidates(width, l)[0]));
        }
        return g;
    }

    /** The best tile geometry within {@code l}, or null if none fits. */
    private static TileGeometry best(long height, long width, Limits l) {
        int m = l.multiple();
        long maxPixels = l.maxPixels();
        int[] hs = candidates(height, l);
        int[] ws = candidates(width, l);
        long[] hCount = counts(height, hs, l);
        long[] wCount = counts(width, ws, l);
        long best = Long.MAX_VALUE;
        long bestTiles = Long.MAX_VALUE;
        int th = 0;
        int tw = 0;
        for (int i = 0; i < hs.length; i++) {
            for (int j = 0; j < ws.length; j++) {
                if ((long) hs[i] * ws[j] > maxPixels) {
                    break; // widths ascend
                }
                long tiles = hCount[i] * wCount[j];
                long computed = tiles * hs[i] * ws[j];
                if (computed < best || computed == best && tiles < bestTiles) {
                    best = computed;
                    bestTiles = tiles;
                    th = hs[i];
                    tw = ws[j];
                }
            }
        }
        if (hs.length == 0 || ws.length == 0) {
            throw new VemsegException.InvalidInput("the model takes tiles of at most " + l.maxTile() + " pixels, too "
                    + "small for a halo of " + l.halo() + " and an overlap of " + l.overlap() + ": use a smaller "
                    + Settings.name("halo") + " or " + Settings.name("overlap"));
        }
        return th == 0 ? null : new TileGeometry(th, tw, l.halo(), l.overlap(), m, l.border());
    }

    private static VemsegException tooSmall(Limits l, int smallest) {
        long need = (long) smallest * smallest;
        return new VemsegException.InvalidInput(String.format(Locale.ROOT, "the smallest tile for a halo of %d and an "
                + "overlap of %d, %d x %d pixels, needs about %d MB per network call of %d tile(s) and %d MB of Java "
                + "heap, but %d MB and %d MB are allowed: use a smaller %s or %s, or more memory "
                + "(VEMSEG_JAVA_OPTS=-Xmx...)", l.halo(), l.overlap(), smallest, smallest,
                need * l.batch() * l.workingBytes() >> 20, l.batch(), need * l.heapPerPixel() >> 20,
                l.callBytes() >> 20, l.heapBytes() >> 20, Settings.name("halo"), Settings.name("batch")));
    }

    /**
     * Tile sizes worth trying along an axis of length {@code n}, ascending: multiples of the size multiple from the
     * smallest that advances by one multiple up to the one that covers the axis alone, none above the model's
     * largest tile (so possibly none).
     */
    private static int[] candidates(long n, Limits l) {
        int m = l.multiple();
        long whole = roundUp(n + 2L * l.border(), m);
        long largest = Math.min(whole, (long) l.maxTile() / m * m);
        long smallest = Math.min(whole, roundUp(2L * l.halo() + l.overlap() + m, m));
        if (largest < smallest) {
            return new int[0];
        }
        int count = (int) ((largest - smallest) / m) + 1;
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = (int) Math.min(Integer.MAX_VALUE, smallest + (long) k * m);
        }
        return out;
    }

    /** Tiles of each size that {@link TilePlan} places along an axis of length {@code n}. */
    private static long[] counts(long n, int[] sizes, Limits l) {
        long[] out = new long[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            TileGeometry g = new TileGeometry(sizes[k], sizes[k], l.halo(), l.overlap(), l.multiple(), l.border());
            out[k] = TileAxis.rows(n, g).starts(0, n, g.strideY()).length;
        }
        return out;
    }

    private static long roundUp(long v, long multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
