package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/** The axis-permuting view, on real files: shapes, voxel sizes and every voxel of arbitrary boxes. */
class PermutedVolumeReaderTest {

    @TempDir
    Path dir;

    /** A seeded random volume of {@code type}, written to {@code name} and opened. */
    private VolumeReader volume(String name, DataType type, long seed) {
        Block b = Block.allocate(Box.ofShape(7, 9, 11), type);
        Random random = new Random(seed);
        for (int i = 0; i < b.size(); i++) {
            b.set(i, random.nextInt(250));
        }
        VolumeLocation at = VolumeLocation.of(dir.resolve(name));
        Volumes.write(at, b, Optional.of(new VoxelSize(30, 5, 4)), WriteOptions.defaults().withChunk(new int[] {2, 4,
            5}));
        return Volumes.open(at);
    }

    @Test
    void permutesShapeVoxelSizeAndChunk() {
        try (VolumeReader source = volume("v.zarr", DataType.UINT8, 1);
                VolumeReader yz = new PermutedVolumeReader(source, Plane.YZ.axes());
                VolumeReader xz = new PermutedVolumeReader(source, Plane.XZ.axes())) {
            VolumeInfo s = source.info();
            assertArrayEquals(new long[] {11, 9, 7}, yz.info().shape());
            assertArrayEquals(new long[] {9, 7, 11}, xz.info().shape());
            assertEquals(new VoxelSize(4, 5, 30), yz.info().voxelSize().orElseThrow());
            assertEquals(new VoxelSize(5, 30, 4), xz.info().voxelSize().orElseThrow());
            int[] c = s.chunk();
            assertArrayEquals(new int[] {c[2], c[1], c[0]}, yz.info().chunk());
            assertArrayEquals(new int[] {c[1], c[0], c[2]}, xz.info().chunk());
            assertEquals(s.dataType(), yz.info().dataType());
        }
    }

    @Test
    void everyVoxelOfABoxIsTheSourceVoxelAtThePermutedPosition() {
        for (DataType type : new DataType[] {DataType.UINT8, DataType.UINT16, DataType.INT32, DataType.FLOAT32,
            DataType.FLOAT64}) {
            try (VolumeReader source = volume("v-" + type + ".zarr", type, 2)) {
                Block all = source.readAll();
                for (int[] axes : new int[][] {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}}) {
                    PermutedVolumeReader view = new PermutedVolumeReader(source, axes);
                    Box box = view.info().bounds().intersect(new Box(1, 2, 3, 5, 4, 6));
                    Block got = view.read(box);
                    assertEquals(box, got.box());
                    assertEquals(type, got.type());
                    for (long z = box.z(); z < box.end(0); z++) {
                        for (long y = box.y(); y < box.end(1); y++) {
                            for (long x = box.x(); x < box.end(2); x++) {
                                long[] v = {z, y, x};
                                long[] src = new long[3];
                                for (int d = 0; d < 3; d++) {
                                    src[axes[d]] = v[d];
                                }
                                assertEquals(all.get(all.index(src[0], src[1], src[2])), got.get(got.index(z, y, x)),
                                        type + " axes " + axes[0] + axes[1] + axes[2] + " at " + z + "," + y + ","
                                                + x);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aPlaneAndItsInverseRoundTripEveryBox() {
        try (VolumeReader source = volume("v.tif", DataType.UINT8, 3)) {
            Block all = source.readAll();
            for (Plane p : Plane.values()) {
                PermutedVolumeReader view = new PermutedVolumeReader(source, p.axes());
                PermutedVolumeReader back = new PermutedVolumeReader(view, p.inverseAxes());
                assertEquals(source.info().bounds(), back.info().bounds());
                for (Box box : new Box[] {source.info().bounds(), new Box(2, 1, 4, 3, 8, 1), new Box(6, 8, 10, 1, 1,
                    1)}) {
                    assertArrayEquals(all.crop(box).bytes(), back.read(box).bytes(), p + " " + box);
                    assertEquals(box, view.sourceBox(Box.of(permute(box.minArray(), p.axes()),
                            permute(box.shape(), p.axes()))));
                }
            }
        }
    }

    private static long[] permute(long[] v, int[] axes) {
        return new long[] {v[axes[0]], v[axes[1]], v[axes[2]]};
    }

    @Test
    void boxesOutsideTheViewAndNonPermutationsAreRefused() {
        try (VolumeReader source = volume("v.zarr", DataType.UINT8, 4)) {
            PermutedVolumeReader yz = new PermutedVolumeReader(source, Plane.YZ.axes());
            assertThrows(IllegalArgumentException.class, () -> yz.read(Box.ofShape(7, 9, 11)));
            assertThrows(IllegalArgumentException.class, () -> new PermutedVolumeReader(source, new int[] {0, 0, 2}));
            assertThrows(IllegalArgumentException.class, () -> new PermutedVolumeReader(source, new int[] {0, 1}));
        }
    }
}
