package org.vemseg.core.volume;

import java.io.Serializable;
import org.vemseg.core.VemsegException;

/**
 * An axis-aligned box of voxels: its first voxel {@code (z, y, x)} and its size {@code (depth, height,
 * width)}. The last voxel is {@code min + size - 1}; {@link #end(int)} is exclusive. Immutable.
 *
 * <p>Axis order everywhere in vemseg is z, y, x (slowest to fastest varying in memory), and axis
 * indices are 0 = z, 1 = y, 2 = x.
 */
public record Box(long z, long y, long x, long depth, long height, long width) implements Serializable {

    public Box {
        if (depth < 0 || height < 0 || width < 0) {
            throw new IllegalArgumentException("box size must not be negative, was " + depth + "x" + height + "x"
                    + width);
        }
    }

    /** A box at the origin with the given shape. */
    public static Box ofShape(long depth, long height, long width) {
        return new Box(0, 0, 0, depth, height, width);
    }

    /** A box from its first voxel and its size, both in (z, y, x) order. */
    public static Box of(long[] min, long[] size) {
        return new Box(min[0], min[1], min[2], size[0], size[1], size[2]);
    }

    /**
     * Parses a crop {@code "z0:z1,y0:y1,x0:x1"} (ends exclusive, like Python slices). An empty part or
     * {@code ":"} keeps the whole axis of {@code bounds}; negative numbers count from the end.
     */
    public static Box parseCrop(String text, Box bounds) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new VemsegException.InvalidInput(
                    "crop must be 'z0:z1,y0:y1,x0:x1' (three ranges), but was '" + text + "'");
        }
        long[] min = new long[3];
        long[] size = new long[3];
        for (int d = 0; d < 3; d++) {
            String p = parts[d].trim();
            long lo = 0;
            long hi = bounds.size(d);
            if (!p.isEmpty() && !p.equals(":")) {
                String[] ends = p.split(":", -1);
                if (ends.length != 2) {
                    throw new VemsegException.InvalidInput("crop range '" + p + "' must be 'start:end'");
                }
                try {
                    if (!ends[0].isBlank()) {
                        lo = Long.parseLong(ends[0].trim());
                    }
                    if (!ends[1].isBlank()) {
                        hi = Long.parseLong(ends[1].trim());
                    }
                } catch (NumberFormatException e) {
                    throw new VemsegException.InvalidInput("crop range '" + p + "' must hold integers");
                }
                if (lo < 0) {
                    lo += bounds.size(d);
                }
                if (hi < 0) {
                    hi += bounds.size(d);
                }
            }
            if (lo < 0 || hi > bounds.size(d) || lo >= hi) {
                throw new VemsegException.InvalidInput("crop " + text + " lies outside the volume of shape "
                        + bounds.shapeString() + " (axis " + "zyx".charAt(d) + ": " + lo + ":" + hi + ")");
            }
            min[d] = bounds.min(d) + lo;
            size[d] = hi - lo;
        }
        return of(min, size);
    }

    /** First voxel along an axis (0 = z, 1 = y, 2 = x). */
    public long min(int axis) {
        return switch (axis) {
            case 0 -> z;
            case 1 -> y;
            case 2 -> x;
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, was " + axis);
        };
    }

    /** Number of voxels along an axis. */
    public long size(int axis) {
        return switch (axis) {
            case 0 -> depth;
            case 1 -> height;
            case 2 -> width;
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, was " + axis);
        };
    }

    /** One past the last voxel along an axis. */
    public long end(int axis) {
        return min(axis) + size(axis);
    }

    public long[] minArray() {
        return new long[] {z, y, x};
    }

    public long[] shape() {
        return new long[] {depth, height, width};
    }

    public long voxels() {
        return depth * height * width;
    }

    public boolean isEmpty() {
        return voxels() == 0;
    }

    /** Whether {@code other} lies entirely inside this box. */
    public boolean contains(Box other) {
        for (int d = 0; d < 3; d++) {
            if (other.min(d) < min(d) || other.end(d) > end(d)) {
                return false;
            }
        }
        return true;
    }

    /** The common part of two boxes; empty (size 0) if they do not overlap. */
    public Box intersect(Box other) {
        long[] min = new long[3];
        long[] size = new long[3];
        for (int d = 0; d < 3; d++) {
            min[d] = Math.max(min(d), other.min(d));
            size[d] = Math.max(0, Math.min(end(d), other.end(d)) - min[d]);
        }
        return of(min, size);
    }

    /** This box moved by {@code (dz, dy, dx)}. */
    public Box translate(long dz, long dy, long dx) {
        return new Box(z + dz, y + dy, x + dx, depth, height, width);
    }

    /** This box grown by a margin on every side (not clipped). */
    public Box grow(long mz, long my, long mx) {
        return new Box(z - mz, y - my, x - mx, depth + 2 * mz, height + 2 * my, width + 2 * mx);
    }

    /** {@code "depth x height x width"}. */
    public String shapeString() {
        return depth + " x " + height + " x " + width;
    }

    @Override
    public String toString() {
        return "[" + z + ":" + end(0) + ", " + y + ":" + end(1) + ", " + x + ":" + end(2) + "]";
    }
}
