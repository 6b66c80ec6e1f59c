package org.vemseg.core.predict;

import java.io.Serializable;
import java.util.Arrays;
import org.vemseg.core.VemsegException;

/**
 * Where tiles go along one axis of {@code n} pixels, so that tiled prediction equals predicting the whole plane
 * in one call.
 *
 * <p>The whole plane's input covers {@code [-border, end())}, {@code end() = roundUp(n + 2 border, multiple) -
 * border} (the network needs a multiple of its stride; everything outside {@code [0, n)} is mirror padding). A
 * tile's input of {@code tile} pixels starts on that input's grid, {@code -border + k multiple}, and lies inside it.
 * Its output is trusted where it sees what the whole input shows within the halo (the receptive field): from
 * {@code halo} inside its input's start, or from 0 if that start is the whole input's ({@code -border}: same
 * content, same zero padding by the network beyond it), to {@code halo} before its input's end, or to {@code n} if
 * that end is the whole input's. With {@code border = halo} these are today's rules: valid regions at multiples of
 * {@code multiple}, inputs grown by the halo.
 *
 * @param n        the axis's length in the volume
 * @param tile     tile input length, a multiple of {@code multiple}
 * @param halo     context discarded on a tile's sides between tiles
 * @param border   mirror padding at the volume's edges, 0 to {@code halo}
 * @param multiple the network's stride
 */
record TileAxis(long n, int tile, int halo, int border, int multiple) implements Serializable {

    /** The {@code y} axis of a plane of {@code height} rows tiled as {@code g}. */
    static TileAxis rows(long height, TileGeometry g) {
        return new TileAxis(height, g.tileHeight(), g.halo(), g.border(), g.multiple());
    }

    /** The {@code x} axis of a plane of {@code width} columns tiled as {@code g}. */
    static TileAxis columns(long width, TileGeometry g) {
        return new TileAxis(width, g.tileWidth(), g.halo(), g.border(), g.multiple());
    }

    /** End of the whole plane's input along this axis (exclusive). */
    long end() {
        return roundUp(n + 2L * border, multiple) - border;
    }

    /** First pixel whose output the tile with input at {@code input} is trusted for. */
    long validStart(long input) {
        return input <= -border ? 0 : input + halo;
    }

    /** End (exclusive) of the pixels the tile with input at {@code input} is trusted for. */
    long validEnd(long input) {
        return input + tile >= end() ? n : input + tile - halo;
    }

    /**
     * Input starts of the tiles covering {@code [u0, u1)}, ascending, advancing by {@code stride} (a multiple of
     * {@code multiple}) except the last, which is shifted inward to the first position on the grid whose valid
     * region reaches {@code u1}. Tiles may reach beyond {@code [u0, u1)} (context read, computed twice, not
     * written) but never beyond the whole plane's input.
     */
    long[] starts(long u0, long u1, int stride) {
        long lastInput = end() - tile;
        if (lastInput <= -border) {
            return new long[] {-border};
        }
        long first = clamp(gridFloor(u0 - halo), lastInput);
        long last = clamp(gridCeil(u1 + halo - tile), lastInput);
        if (last > first && stride < 1) {
            throw new VemsegException.InvalidInput("tile overlap must be smaller than the tile's valid size "
                    + (tile - 2 * halo) + " (tile minus twice the halo) by at least " + multiple);
        }
        long[] out = new long[8];
        int k = 0;
        for (long s = first;; s += stride) {
            if (k == out.length) {
                out = Arrays.copyOf(out, k * 2);
            }
            out[k++] = Math.min(s, last);
            if (s >= last) {
                break;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** {@code v} limited to the grid positions from {@code -border} to {@code max}. */
    private long clamp(long v, long max) {
        return Math.max(-border, Math.min(max, v));
    }

    /** The largest grid position at most {@code v}. */
    private long gridFloor(long v) {
        return Math.floorDiv(v + border, multiple) * multiple - border;
    }

    /** The smallest grid position at least {@code v}. */
    private long gridCeil(long v) {
        return -Math.floorDiv(-(v + border), multiple) * multiple - border;
    }

    private static long roundUp(long v, long multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
