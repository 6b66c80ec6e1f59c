package org.vemseg.core.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * Files written by other tools (tifffile, libtiff) and the real datasets: shapes, voxel sums, first
 * voxels and voxel sizes as recorded in {@code formats/expected.json} and the data README.
 */
class TiffSharedDataTest {

    private static final long SUM_U8 = 118405357L;
    private static final int[] FIRST_8 = {138, 147, 158, 163, 159, 152, 136, 118};

    /** Value of each fixture voxel as the original uint8 (the fixtures scale it by 257 or 1/255). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "isbi-crop-u8-deflate.tif, uint8, 1, Deflate",
        "isbi-crop-u8-lzw.tif, uint8, 1, LZW",
        "isbi-crop-u8-tiled.tif, uint8, 1, tiled",
        "isbi-crop-u16-packbits.tif, uint16, 257, PackBits",
        "isbi-crop-f32-bigtiff.tif, float32, 0.00392156862745098, BigTIFF"})
    void fixtureHasTheExpectedShapeSumAndFirstVoxels(String file, String type, double scale, String described) {
        Path p = SharedData.require("formats/" + file);
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            VolumeInfo info = r.info();
            assertArrayEquals(new long[] {10, 256, 384}, info.shape());
            assertEquals(DataType.fromString(type), info.dataType());
            assertTrue(r.describeFormat().contains(described), r.describeFormat());
            Block all = r.readAll();
            double sum = 0;
            for (int i = 0; i < all.size(); i++) {
                double v = all.get(i) / scale;
                assertEquals(Math.rint(v), v, 1e-3, "voxel " + i + " is not a scaled uint8");
                sum += Math.rint(v);
            }
            assertEquals(SUM_U8, (long) sum);
            for (int i = 0; i < FIRST_8.length; i++) {
                assertEquals(FIRST_8[i], all.get(i) / scale, 1e-3, "voxel " + i);
            }
            // A sub-box read gives the same voxels as the whole.
            Box sub = new Box(3, 100, 130, 4, 77, 200);
            Block part = r.read(sub);
            for (int i = 0; i < part.size(); i++) {
                long z = sub.z() + i / (sub.height() * sub.width());
                long y = sub.y() + (i / sub.width()) % sub.height();
                long x = sub.x() + i % sub.width();
                assertEquals(all.get(all.index(z, y, x)), part.get(i), "voxel " + z + "," + y + "," + x);
            }
        }
    }

    @Test
    void imageJMetadataGivesTheVoxelSize() {
        Path p = SharedData.require("formats/isbi-crop-u8-deflate.tif");
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            VoxelSize vs = r.info().voxelSize().orElseThrow();
            assertEquals(50, vs.z(), 1e-9);
            assertEquals(4, vs.y(), 1e-9);
            assertEquals(4, vs.x(), 1e-9);
        }
    }

    @Test
    void isbiVolumeAndLabelsHaveThirtySlicesAndTheMembraneFraction() {
        Path volume = SharedData.require("isbi2012/train-volume.tif");
        Path labels = SharedData.require("isbi2012/train-labels.tif");
        assertEquals(Format.TIFF, Format.forReading(VolumeLocation.of(volume)));
        try (VolumeReader v = Volumes.open(VolumeLocation.of(volume));
                VolumeReader l = Volumes.open(VolumeLocation.of(labels))) {
            assertArrayEquals(new long[] {30, 512, 512}, v.info().shape());
            assertArrayEquals(new long[] {30, 512, 512}, l.info().shape());
            assertEquals(DataType.UINT8, v.info().dataType());
            byte[] voxels = l.readAll().bytes();
            long zeros = 0;
            for (byte b : voxels) {
                if (b == 0) {
                    zeros++;
                }
            }
            assertEquals(21.96, 100.0 * zeros / voxels.length, 0.05);
        }
    }

    @Test
    void lucchiHasItsShapeAndFiveNanometreVoxels() {
        Path p = SharedData.require("lucchi-pp/train-images.tif");
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertArrayEquals(new long[] {165, 768, 1024}, r.info().shape());
            assertEquals(Optional.of(new VoxelSize(5, 5, 5)), r.info().voxelSize());
            assertTrue(r.describeFormat().contains("Deflate"), r.describeFormat());
            Block first = r.readSlice(0);
            Block last = r.readSlice(164);
            assertTrue(mean(first) > 20 && mean(first) < 235, "slice 0 looks like EM: mean " + mean(first));
            assertTrue(mean(last) > 20 && mean(last) < 235, "slice 164 looks like EM: mean " + mean(last));
            Block box = r.read(new Box(80, 300, 400, 2, 50, 60));
            assertEquals(first.type(), box.type());
        }
    }

    private static double mean(Block b) {
        double s = 0;
        for (int i = 0; i < b.size(); i++) {
            s += b.get(i);
        }
        return s / b.size();
    }
}
