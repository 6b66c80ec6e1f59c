package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** Conversions of real data through every writable format give back the same voxels. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    @Test
    void isbiStackSurvivesTiffToZarrToSlicesToTiff() {
        Path src = SharedData.require("isbi2012/train-volume.tif");
        String zarr = dir.resolve("isbi.ome.zarr").toString();
        String slices = dir.resolve("isbi-slices").toString();
        String tif = dir.resolve("back.tif").toString();
        assertEquals(0, CliRun.of("convert", src.toString(), zarr, "-q", "--voxel-size", "50,4,4").exitCode());
        assertEquals(0, CliRun.of("convert", zarr, slices, "-q").exitCode());
        CliRun last = CliRun.of("convert", slices, tif, "-q", "--compression", "lzw", "--voxel-size", "50,4,4");
        assertEquals(0, last.exitCode(), last.err());
        assertTrue(last.out().contains("30 x 512 x 512 uint8"), last.out());
        try (VolumeReader a = Volumes.open(src.toString()); VolumeReader b = Volumes.open(tif);
                VolumeReader z = Volumes.open(zarr)) {
            assertBlockEquals(a.readAll(), b.readAll());
            assertEquals(50, z.info().voxelSize().orElseThrow().z(), 1e-9);
            assertEquals(4, b.info().voxelSize().orElseThrow().x(), 1e-9);
        }
    }

    @Test
    void cropAndRescaleToUint8() {
        Path src = SharedData.require("formats/isbi-crop-u16-packbits.tif");
        String out = dir.resolve("crop8.tif").toString();
        CliRun r = CliRun.of("convert", src.toString(), out, "--crop", "2:5,10:60,-100:", "--dtype", "uint8",
                "--rescale", "-q");
        assertEquals(0, r.exitCode(), r.err());
        try (VolumeReader in = Volumes.open(src.toString()); VolumeReader o = Volumes.open(out)) {
            assertEquals(DataType.UINT8, o.info().dataType());
            assertEquals(3, o.info().depth());
            assertEquals(50, o.info().height());
            assertEquals(100, o.info().width());
            Block orig = in.read(new Box(2, 10, 284, 3, 50, 100));
            Block got = o.readAll();
            // The u16 fixture is value*257 over the full 0..65535 range, so rescaling to 0..255 undoes it.
            double lo = org.vemseg.core.ops.VolumeStatistics.of(in, org.vemseg.core.Progress.NONE).min();
            double hi = org.vemseg.core.ops.VolumeStatistics.of(in, org.vemseg.core.Progress.NONE).max();
            for (int i = 0; i < got.size(); i++) {
                assertEquals(Math.rint((orig.get(i) - lo) / (hi - lo) * 255), got.get(i), "voxel " + i);
            }
        }
    }

    @Test
    void infoReportsShapeTypeVoxelSizeAndStatistics() {
        Path src = SharedData.require("formats/isbi-crop-u8-deflate.tif");
        CliRun r = CliRun.of("info", src.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("10 x 256 x 384 (z, y, x)"), r.out());
        assertTrue(r.out().contains("uint8"), r.out());
        assertTrue(r.out().contains("50 x 4 x 4 nm"), r.out());
        // expected.json: voxel sum 118405357 over 983040 voxels
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%.4g", 118405357.0 / 983040)), r.out());
    }
}
