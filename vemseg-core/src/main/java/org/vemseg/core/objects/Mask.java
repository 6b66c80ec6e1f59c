package org.vemseg.core.objects;

import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * A binary volume held in memory: one byte per voxel, 1 = foreground, 0 = background, z-y-x order with x
 * fastest. The array is shared, not copied: algorithms read {@link #voxels()} directly in their loops.
 */
public record Mask(int depth, int height, int width, byte[] voxels) {

    public Mask {
        if (depth < 0 || height < 0 || width < 0 || (long) depth * height * width != voxels.length) {
            throw new IllegalArgumentException("mask array of length " + voxels.length + " does not match shape "
                    + depth + " x " + height + " x " + width);
        }
    }

    /** An all-background mask. */
    public static Mask empty(int depth, int height, int width) {
        return new Mask(depth, height, width, new byte[Math.multiplyExact(Math.multiplyExact(depth, height), width)]);
    }

    public int size() {
        return voxels.length;
    }

    public int index(int z, int y, int x) {
        return (z * height + y) * width + x;
    }

    public boolean get(int z, int y, int x) {
        return voxels[index(z, y, x)] != 0;
    }

    public void set(int z, int y, int x, boolean on) {
        voxels[index(z, y, x)] = (byte) (on ? 1 : 0);
    }

    /** Number of foreground voxels. */
    public long count() {
        long n = 0;
        for (byte b : voxels) {
            n += b;
        }
        return n;
    }

    /** The mask as a uint8 block (0/1) at the origin, sharing the array. */
    public Block toBlock() {
        return Block.wrap(Box.ofShape(depth, height, width), DataType.UINT8, voxels);
    }

    /** Shape as {@code "d x h x w"}, for messages. */
    public String shapeString() {
        return depth + " x " + height + " x " + width;
    }
}
