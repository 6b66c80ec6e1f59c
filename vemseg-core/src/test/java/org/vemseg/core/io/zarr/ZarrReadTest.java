package org.vemseg.core.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/** Reading Zarr written by zarr-python: the shared ISBI OME-Zarr and the small fixtures in the test resources. */
class ZarrReadTest {

    private static final Box SHAPE = Box.ofShape(3, 20, 30);

    @Test
    void readsTheIsbiOmeZarrLevel0() {
        Path p = SharedData.require("formats/isbi-crop.ome.zarr");
        assertEquals(Format.ZARR, Format.forReading(VolumeLocation.of(p)));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals(Box.ofShape(10, 256, 384), r.info().bounds());
            assertEquals(DataType.UINT8, r.info().dataType());
            assertEquals(new VoxelSize(50, 4, 4), r.info().voxelSize().orElseThrow());
            assertArrayEquals(new int[] {1, 128, 128}, r.info().chunk());
            assertEquals("OME-Zarr 0.4 (blosc-zstd, level 0 of 2)", r.describeFormat());
            Block all = r.readAll();
            long sum = 0;
            for (byte b : all.bytes()) {
                sum += b & 0xFF;
            }
            assertEquals(118405357L, sum);
            int[] first = new int[8];
            for (int i = 0; i < 8; i++) {
                first[i] = (int) all.get(i);
            }
            assertArrayEquals(new int[] {138, 147, 158, 163, 159, 152, 136, 118}, first);
            Box sub = new Box(3, 100, 120, 4, 60, 200); // crosses chunk borders in every axis
            assertBlockEquals(all.crop(sub), r.read(sub));
        }
    }

    @Test
    void readsTheIsbiOmeZarrLevel1ByLocation() {
        Path p = SharedData.require("formats/isbi-crop.ome.zarr");
        try (VolumeReader r = Volumes.open(p + ":/1")) {
            assertEquals(Box.ofShape(10, 128, 192), r.info().bounds());
            assertEquals(new VoxelSize(50, 8, 8), r.info().voxelSize().orElseThrow());
            assertEquals("OME-Zarr 0.4 (blosc-zstd, level 1 of 2)", r.describeFormat());
        }
        try (VolumeReader level0 = Volumes.open(p + ":/0");
                VolumeReader plain = Volumes.open(p.resolve("0").toString())) {
            assertEquals(new VoxelSize(50, 4, 4), level0.info().voxelSize().orElseThrow());
            assertTrue(plain.info().voxelSize().isEmpty(), "a bare array has no OME metadata");
            assertTrue(plain.describeFormat().startsWith("Zarr v2"), plain.describeFormat());
            Box b = new Box(0, 0, 0, 2, 50, 50);
            assertBlockEquals(level0.read(b), plain.read(b));
        }
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> Volumes.open(p + ":/7"));
        assertTrue(e.getMessage().contains("levels 0, 1"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"zlib-i2-be, INT16, zlib", "gzip-u2, UINT16, gzip", "zstd-f4-nested, FLOAT32, zstd",
        "raw-u1, UINT8, uncompressed", "blosclz-i4, INT32, blosc-blosclz", "lz4-f8, FLOAT64, blosc-lz4",
        "bitshuffle-u2, UINT16, blosc-zstd"})
    void readsArraysWrittenByZarrPython(String name, DataType type, String codec) {
        try (VolumeReader r = Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/" + name)))) {
            assertEquals(SHAPE, r.info().bounds());
            assertEquals(type, r.info().dataType());
            assertArrayEquals(new int[] {2, 8, 16}, r.info().chunk());
            assertEquals("Zarr v2 (" + codec + ")", r.describeFormat());
            assertBlockEquals(ZarrFixtures.volume(SHAPE, type), r.readAll());
            Box sub = new Box(1, 5, 9, 2, 12, 20);
            assertBlockEquals(ZarrFixtures.volume(sub, type), r.read(sub));
        }
    }

    @Test
    void missingChunksReadAsTheFillValue() {
        try (VolumeReader r = Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/fill-u2")))) {
            Block all = r.readAll();
            Block expected = ZarrFixtures.volume(SHAPE, DataType.UINT16);
            for (int i = 0; i < expected.size(); i++) {
                long z = i / 600;
                long y = (i / 30) % 20;
                long x = i % 30;
                if (!(z < 2 && y < 8 && x < 16)) {
                    expected.set(i, 77);
                }
            }
            assertBlockEquals(expected, all);
        }
    }

    @Test
    void readsTwoDimensionalAndFiveDimensionalArrays() {
        try (VolumeReader r = Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/plane-2d")))) {
            assertEquals(Box.ofShape(1, 20, 30), r.info().bounds());
            assertArrayEquals(new int[] {1, 8, 16}, r.info().chunk());
            assertBlockEquals(ZarrFixtures.volume(Box.ofShape(1, 20, 30), DataType.UINT16), r.readAll());
        }
        try (VolumeReader r = Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/tczyx-5d")))) {
            assertEquals(SHAPE, r.info().bounds());
            assertBlockEquals(ZarrFixtures.volume(SHAPE, DataType.UINT16), r.readAll());
        }
    }

    @Test
    void readsOmeZarrWithTimeChannelAxesAndMicrometres() {
        Path p = ZarrFixtures.resource("arrays/ome-tczyx-um.ome.zarr");
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals(SHAPE, r.info().bounds());
            VoxelSize vs = r.info().voxelSize().orElseThrow();
            assertEquals(50, vs.z(), 1e-9);
            assertEquals(4, vs.y(), 1e-9);
            assertBlockEquals(ZarrFixtures.volume(SHAPE, DataType.UINT16), r.readAll());
        }
        try (VolumeReader r = Volumes.open(p + ":/s1")) {
            assertEquals(Box.ofShape(3, 10, 15), r.info().bounds());
            assertEquals(8, r.info().voxelSize().orElseThrow().x(), 1e-9);
        }
    }

    @Test
    void unsupportedLayoutsAreRefusedWithTheReason() {
        assertUnsupported("two-channels", "channel");
        assertUnsupported("fortran", "order");
    }

    @Test
    void aGroupWithOneArrayOpensItAndWithSeveralAsksWhichOne(@TempDir Path dir) throws IOException {
        Path group = dir.resolve("group.zarr");
        Files.createDirectories(group);
        Files.writeString(group.resolve(".zgroup"), "{\"zarr_format\": 2}");
        Block data = ZarrFixtures.volume(SHAPE, DataType.INT16);
        ZarrArray raw = ZarrArray.create(group.resolve("raw"),
                ZarrArrayMetadata.create(SHAPE.shape(), new int[] {2, 8, 16}, DataType.INT16, Compression.BLOSC_LZ4));
        for (Box b : raw.grid()) {
            raw.writeChunk(data.crop(b));
        }
        try (VolumeReader r = Volumes.open(VolumeLocation.of(group))) {
            assertBlockEquals(data, r.readAll());
        }
        ZarrArray.create(group.resolve("labels"),
                ZarrArrayMetadata.create(SHAPE.shape(), new int[] {2, 8, 16}, DataType.UINT8, Compression.NONE));
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> Volumes.open(VolumeLocation.of(group)));
        assertTrue(e.getMessage().contains("several arrays (labels, raw)"), e.getMessage());
        try (VolumeReader r = Volumes.open(group + ":/raw")) {
            assertBlockEquals(data, r.readAll());
        }
        e = assertThrows(VemsegException.InvalidInput.class, () -> Volumes.open(group + ":/mask"));
        assertTrue(e.getMessage().contains("arrays labels, raw"), e.getMessage());
    }

    private static void assertUnsupported(String name, String reason) {
        VemsegException e = assertThrows(VemsegException.Unsupported.class,
                () -> Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/" + name))));
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains(name), e.getMessage());
    }
}
