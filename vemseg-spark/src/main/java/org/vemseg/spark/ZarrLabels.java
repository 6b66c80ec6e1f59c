package org.vemseg.spark;

import org.vemseg.core.io.zarr.ZarrArray;
import org.vemseg.core.objects.LabelSource;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** Instance labels (uint16 or uint32) read from a Zarr array, box by box. */
final class ZarrLabels implements LabelSource {

    private final ZarrArray array;
    private final int count;

    /** The labels {@code 1..count} in {@code array}. */
    ZarrLabels(ZarrArray array, int count) {
        if (array.dataType() != DataType.UINT16 && array.dataType() != DataType.UINT32) {
            throw new IllegalArgumentException(array + ": labels are uint16 or uint32");
        }
        this.array = array;
        this.count = count;
    }

    @Override
    public int depth() {
        return (int) array.bounds().depth();
    }

    @Override
    public int height() {
        return (int) array.bounds().height();
    }

    @Override
    public int width() {
        return (int) array.bounds().width();
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public void read(int z0, int y0, int x0, int d, int h, int w, int[] out) {
        Block b = array.read(new Box(z0, y0, x0, d, h, w));
        int n = b.size();
        if (b.type() == DataType.UINT16) {
            short[] s = b.shorts();
            for (int i = 0; i < n; i++) {
                out[i] = s[i] & 0xFFFF;
            }
        } else {
            System.arraycopy(b.ints(), 0, out, 0, n);
        }
    }

    @Override
    public long[] sizes() {
        long[] n = new long[count + 1];
        int[] plane = new int[height() * width()];
        for (int z = 0; z < depth(); z++) {
            read(z, 0, 0, 1, height(), width(), plane);
            for (int l : plane) {
                n[l]++;
            }
        }
        return n;
    }
}
