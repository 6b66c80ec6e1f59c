package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class PatchCropperTest {

    /** Voxel value that identifies its position. */
    private static int value(long z, long y, long x) {
        return (int) ((z * 7 + y * 3 + x) % 256);
    }

    private static MemoryReader volume(int d, int h, int w) {
        Block b = Block.allocate(Box.ofShape(d, h, w), DataType.UINT8);
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    b.set(b.index(z, y, x), value(z, y, x));
                }
            }
        }
        return new MemoryReader(b);
    }

    @Test
    void everyOrientationCutsTheRightVoxelsInSmallSlabs() {
        MemoryReader r = volume(20, 36, 50);
        int size = 16;
        PatchCropper cropper = new PatchCropper(r, IntensityWindow.unchanged(), size, size, 1, 4000);
        for (Plane plane : Plane.values()) {
            List<Patch> patches = new ArrayList<>();
            cropper.crop(plane, patches::add);
            assertEquals(cropper.count(plane), patches.size(), plane.toString());
            for (Patch p : patches) {
                byte[] expected = new byte[size * size];
                for (int row = 0; row < size; row++) {
                    for (int col = 0; col < size; col++) {
                        long[] origin = {p.z(), p.y(), p.x()};
                        long[] v = origin.clone();
                        v[plane.rowAxis()] += row;
                        v[plane.colAxis()] += col;
                        expected[row * size + col] = (byte) value(v[0], v[1], v[2]);
                    }
                }
                assertArrayEquals(expected, p.pixels(), plane + " patch at " + p.z() + "," + p.y() + "," + p.x());
            }
        }
        // xy: 20 planes x 2 rows (36 - 2 = 34 fits 2 x 16) x 3 cols (48 fits 3 x 16)
        assertEquals(20 * 2 * 3, cropper.count(Plane.XY));
        // xz: 36 planes x 1 row (z: 18 fits 1) x 3 cols; yz: 50 planes x 1 x 2
        assertEquals(36 * 3, cropper.count(Plane.XZ));
        assertEquals(50 * 2, cropper.count(Plane.YZ));
        // uint8 voxels cost 2 bytes while cut (the voxel and its grey copy)
        assertTrue(r.largestRead * 2 <= 4000, "reads stay within the budget: " + r.largestRead);
        assertTrue(r.reads > 20, "the volume is read in many small slabs: " + r.reads);
    }

    @Test
    void gridCentresPatchesAndShrinksTheMarginForSmallImages() {
        assertArrayEquals(new long[] {64, 288, 512, 736}, PatchGrid.starts(1024, 224, 224, 8));
        assertArrayEquals(new long[] {0}, PatchGrid.starts(224, 224, 224, 8));
        assertArrayEquals(new long[] {4}, PatchGrid.starts(232, 224, 224, 8));
        assertArrayEquals(new long[0], PatchGrid.starts(223, 224, 224, 8));
        assertArrayEquals(new long[] {8, 108, 208}, PatchGrid.starts(440, 224, 100, 8));
    }
}
