package org.vemseg.core.curate;

import java.util.function.Consumer;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Cuts the patches of one source in one plane orientation, reading the volume in slabs: a slab is a few
 * planes by one patch-row band by all columns, sized to stay under a memory budget, so a volume of any
 * size is read with bounded memory and, for non-overlapping patches, each voxel about once per
 * orientation. Patches come out plane by plane, rows then columns.
 */
final class PatchCropper {

    private final VolumeReader reader;
    private final IntensityWindow window;
    private final int size;
    private final int stride;
    private final int margin;
    private final long budgetBytes;

    PatchCropper(VolumeReader reader, IntensityWindow window, int size, int stride, int margin, long budgetBytes) {
        this.reader = reader;
        this.window = window;
        this.size = size;
        this.stride = stride;
        this.margin = margin;
        this.budgetBytes = budgetBytes;
    }

    /** Number of patches {@link #crop} will produce for this orientation (0 if the planes are too small). */
    long count(Plane plane) {
        VolumeInfo info = reader.info();
        long[] shape = info.shape();
        return shape[plane.fixedAxis()] * PatchGrid.starts(shape[plane.rowAxis()], size, stride, margin).length
                * PatchGrid.starts(shape[plane.colAxis()], size, stride, margin).length;
    }

    /** Cuts every patch of the orientation and hands it to {@code sink}, which may keep it. */
    void crop(Plane plane, Consumer<Patch> sink) {
        VolumeInfo info = reader.info();
        long[] shape = info.shape();
        long[] rows = PatchGrid.starts(shape[plane.rowAxis()], size, stride, margin);
        long[] cols = PatchGrid.starts(shape[plane.colAxis()], size, stride, margin);
        if (rows.length == 0 || cols.length == 0) {
            return;
        }
        long planes = shape[plane.fixedAxis()];
        long c0 = cols[0];
        long cn = cols[cols.length - 1] + size - c0;
        long bytesPerPlane = (long) size * cn * (info.dataType().bytes() + 1);
        long perSlab = Math.max(1, Math.min(planes, Math.min(budgetBytes / bytesPerPlane,
                Block.MAX_VOXELS / ((long) size * cn))));
        for (long p0 = 0; p0 < planes; p0 += perSlab) {
            long pn = Math.min(perSlab, planes - p0);
            for (long r0 : rows) {
                Box box = plane.box(p0, pn, r0, size, c0, cn);
                Block block = reader.read(box);
                byte[] grey = window.toGrey(block);
                cut(plane, block.box(), grey, p0, pn, r0, cols, sink);
            }
        }
    }

    private void cut(Plane plane, Box box, byte[] grey, long p0, long pn, long r0, long[] cols, Consumer<Patch> sink) {
        long[] strides = {box.height() * box.width(), box.width(), 1};
        long sr = strides[plane.rowAxis()];
        long sc = strides[plane.colAxis()];
        long[] origin = box.minArray();
        for (long p = p0; p < p0 + pn; p++) {
            for (long c : cols) {
                byte[] px = new byte[size * size];
                long[] v = plane.voxel(p, r0, c);
                long base = (v[0] - origin[0]) * strides[0] + (v[1] - origin[1]) * strides[1]
                        + (v[2] - origin[2]) * strides[2];
                int o = 0;
                for (int r = 0; r < size; r++) {
                    long at = base + r * sr;
                    if (sc == 1) {
                        System.arraycopy(grey, (int) at, px, o, size);
                        o += size;
                    } else {
                        for (int k = 0; k < size; k++) {
                            px[o++] = grey[(int) (at + k * sc)];
                        }
                    }
                }
                sink.accept(new Patch(plane, v[0], v[1], v[2], size, px));
            }
        }
    }
}
