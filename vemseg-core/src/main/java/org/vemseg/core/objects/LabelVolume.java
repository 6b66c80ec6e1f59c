package org.vemseg.core.objects;

import java.util.Optional;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * An instance-label volume in memory: 0 = background, objects numbered {@code 1..count()} without gaps,
 * z-y-x order with x fastest. The array is shared, not copied.
 */
public record LabelVolume(int depth, int height, int width, int[] labels, int count) implements LabelSource {

    public LabelVolume {
        if ((long) depth * height * width != labels.length) {
            throw new IllegalArgumentException("label array of length " + labels.length + " does not match shape "
                    + depth + " x " + height + " x " + width);
        }
    }

    public int index(int z, int y, int x) {
        return (z * height + y) * width + x;
    }

    public int get(int z, int y, int x) {
        return labels[index(z, y, x)];
    }

    @Override
    public void read(int z0, int y0, int x0, int d, int h, int w, int[] out) {
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(labels, index(z0 + z, y0 + y, x0), out, (z * h + y) * w, w);
            }
        }
    }

    @Override
    public long[] sizes() {
        long[] n = new long[count + 1];
        for (int l : labels) {
            n[l]++;
        }
        return n;
    }

    /**
     * Drops objects smaller than {@code minVoxels} and renumbers the rest 1, 2, ... in their old order.
     * Returns this volume unchanged if nothing is dropped; otherwise rewrites the array in place.
     */
    public LabelVolume withMinSize(long minVoxels) {
        Optional<SmallObjectFilter> filter = SmallObjectFilter.of(count, this::sizes, minVoxels);
        if (filter.isEmpty()) {
            return this;
        }
        filter.get().relabel(labels);
        return new LabelVolume(depth, height, width, labels, filter.get().count());
    }

    /** The foreground of this volume as a mask. */
    public Mask foreground() {
        byte[] m = new byte[labels.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) (labels[i] != 0 ? 1 : 0);
        }
        return new Mask(depth, height, width, m);
    }

    /** The smallest unsigned integer type that holds every label. */
    public DataType smallestType() {
        return count <= 0xFF ? DataType.UINT8 : count <= 0xFFFF ? DataType.UINT16 : DataType.UINT32;
    }

    /** The labels as a uint16 block if they fit, else uint32 (a copy for uint16, the array itself otherwise). */
    public Block toBlock() {
        Box box = Box.ofShape(depth, height, width);
        if (count <= 0xFFFF) {
            short[] s = new short[labels.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) labels[i];
            }
            return Block.wrap(box, DataType.UINT16, s);
        }
        return Block.wrap(box, DataType.UINT32, labels);
    }
}
