package org.vemseg.core.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/** The resolution levels the OME-Zarr writer adds on commit. */
class ZarrPyramidTest {

    @TempDir
    Path dir;

    /** Level {@code level} as a reader. */
    private static VolumeReader level(Path p, int level) {
        return Volumes.open(p + ":/" + level);
    }

    /** Expected mean-downsampling by (fz, 2, 2), round half up for integers, border windows partial. */
    private static Block mean(Block in, int fz) {
        Box b = in.box();
        Box out = Box.ofShape((b.depth() + fz - 1) / fz, (b.height() + 1) / 2, (b.width() + 1) / 2);
        Block o = Block.allocate(out, in.type());
        int i = 0;
        for (long z = 0; z < out.depth(); z++) {
            for (long y = 0; y < out.height(); y++) {
                for (long x = 0; x < out.width(); x++) {
                    double sum = 0;
                    int n = 0;
                    for (long zz = z * fz; zz < Math.min(b.depth(), z * fz + fz); zz++) {
                        for (long yy = 2 * y; yy < Math.min(b.height(), 2 * y + 2); yy++) {
                            for (long xx = 2 * x; xx < Math.min(b.width(), 2 * x + 2); xx++) {
                                sum += in.get(in.index(zz, yy, xx));
                                n++;
                            }
                        }
                    }
                    double m = sum / n;
                    o.set(i++, in.type().isFloating() ? m : Math.floor(m + 0.5));
                }
            }
        }
        return o;
    }

    @Test
    void automaticLevelsHalveYAndXUntilAtMost512() {
        Block data = SyntheticVolumes.random(Box.ofShape(1, 1100, 1100), DataType.UINT8, 21);
        Path p = dir.resolve("big.ome.zarr");
        Volumes.write(VolumeLocation.of(p), data, Optional.of(new VoxelSize(50, 4, 4)),
                WriteOptions.defaults().withChunk(new int[] {1, 256, 256}));
        Block expected = data;
        long[] sizes = {1100, 550, 275};
        for (int level = 0; level < 3; level++) {
            try (VolumeReader r = level(p, level)) {
                assertEquals(Box.ofShape(1, sizes[level], sizes[level]), r.info().bounds(), "level " + level);
                assertEquals(new VoxelSize(50, 4 << level, 4 << level), r.info().voxelSize().orElseThrow());
                assertEquals("OME-Zarr 0.4 (blosc-zstd, level " + level + " of 3)", r.describeFormat());
                if (level > 0) {
                    expected = mean(expected, 1);
                }
                assertBlockEquals(expected, r.readAll());
            }
        }
        assertFalse(Files.exists(p.resolve("3")));
    }

    @Test
    void explicitLevelCountAndZHalvedOnlyForNearIsotropicVoxels() {
        Block data = SyntheticVolumes.random(Box.ofShape(9, 37, 53), DataType.FLOAT32, 3);
        Path iso = dir.resolve("iso.zarr");
        Volumes.write(VolumeLocation.of(iso), data, Optional.of(new VoxelSize(5, 4, 4)),
                WriteOptions.defaults().withChunk(new int[] {4, 16, 16}).withScaleLevels(3));
        Block expected = data;
        for (int level = 1; level < 3; level++) {
            expected = mean(expected, 2);
            try (VolumeReader r = level(iso, level)) {
                assertBlockEquals(expected, r.readAll());
                assertEquals(new VoxelSize(5 << level, 4 << level, 4 << level), r.info().voxelSize().orElseThrow());
            }
        }
        assertFalse(Files.exists(iso.resolve("3")));

        Path aniso = dir.resolve("aniso.zarr");
        Volumes.write(VolumeLocation.of(aniso), data, Optional.of(new VoxelSize(50, 4, 4)),
                WriteOptions.defaults().withChunk(new int[] {4, 16, 16}).withScaleLevels(2));
        try (VolumeReader r = level(aniso, 1)) {
            assertEquals(Box.ofShape(9, 19, 27), r.info().bounds());
            assertBlockEquals(mean(data, 1), r.readAll());
        }
        // without a voxel size z is never halved, and the scale is in voxels without a unit
        Path unknown = dir.resolve("unknown.zarr");
        Volumes.write(VolumeLocation.of(unknown), data, Optional.empty(), WriteOptions.defaults().withScaleLevels(2));
        try (VolumeReader r = level(unknown, 1)) {
            assertEquals(Box.ofShape(9, 19, 27), r.info().bounds());
            assertTrue(r.info().voxelSize().isEmpty());
        }
    }

    @Test
    void labelPyramidsKeepTheMostFrequentIdInsteadOfInventingOne() {
        // object ids 10 and 30 side by side: a mean would write 20, an id that exists nowhere
        Block data = Block.allocate(Box.ofShape(2, 4, 5), DataType.UINT16);
        int i = 0;
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    data.set(i++, x < 1 ? 10 : x < 3 ? (y == 0 ? 10 : 30) : 0);
                }
            }
        }
        Path p = dir.resolve("labels.zarr");
        Volumes.write(VolumeLocation.of(p), data, Optional.of(new VoxelSize(4, 4, 4)),
                WriteOptions.defaults().withScaleLevels(2).withLabels(true));
        try (VolumeReader r = level(p, 1)) {
            assertEquals(Box.ofShape(1, 2, 3), r.info().bounds());
            Block b = r.readAll();
            // windows (both z): y 0-1 × x 0-1 hold 10 six times and 30 twice → 10; x 2-3 hold 0 four times → 0;
            // y 2-3 × x 0-1 hold 10 and 30 four times each → the larger, 30; y 2-3 × x 2-3 tie 30/0 → 30
            double[] expected = {10, 0, 0, 30, 30, 0};
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], b.get(k), "voxel " + k);
            }
        }
        Path mean = dir.resolve("mean.zarr");
        Volumes.write(VolumeLocation.of(mean), data, Optional.of(new VoxelSize(4, 4, 4)),
                WriteOptions.defaults().withScaleLevels(2));
        try (VolumeReader r = level(mean, 1)) {
            assertEquals(20, r.readAll().get(3), "images are averaged: (10 + 30) / 2, an id no object has");
        }
    }

    @Test
    void multiscalesMetadataFollowsNgff04() {
        Block data = SyntheticVolumes.ramp(Box.ofShape(2, 40, 40), DataType.UINT16);
        Path p = dir.resolve("meta.ome.zarr");
        Volumes.write(VolumeLocation.of(p), data, Optional.of(new VoxelSize(50, 4, 4)),
                WriteOptions.defaults().withScaleLevels(2));
        JsonObject m = ZarrJson.read(p.resolve(".zattrs")).getAsJsonArray("multiscales").get(0).getAsJsonObject();
        assertEquals("0.4", m.get("version").getAsString());
        assertEquals("meta", m.get("name").getAsString());
        JsonArray axes = m.getAsJsonArray("axes");
        assertEquals(3, axes.size());
        for (int d = 0; d < 3; d++) {
            JsonObject a = axes.get(d).getAsJsonObject();
            assertEquals("zyx".substring(d, d + 1), a.get("name").getAsString());
            assertEquals("space", a.get("type").getAsString());
            assertEquals("nanometer", a.get("unit").getAsString());
        }
        JsonArray datasets = m.getAsJsonArray("datasets");
        assertEquals(2, datasets.size());
        JsonObject level1 = datasets.get(1).getAsJsonObject();
        assertEquals("1", level1.get("path").getAsString());
        JsonArray transforms = level1.getAsJsonArray("coordinateTransformations");
        assertEquals("[50.0,8.0,8.0]", transforms.get(0).getAsJsonObject().get("scale").toString());
        assertEquals("[0.0,2.0,2.0]", transforms.get(1).getAsJsonObject().get("translation").toString());
        assertEquals(2, ZarrJson.read(p.resolve(".zgroup")).get("zarr_format").getAsInt());
    }
}
