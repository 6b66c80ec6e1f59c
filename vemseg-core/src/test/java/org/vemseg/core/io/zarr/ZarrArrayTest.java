package org.vemseg.core.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.MissingChunks;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** Chunk-level access for resumable output, and clear errors for damaged arrays. */
class ZarrArrayTest {

    @TempDir
    Path dir;

    private ZarrArray newArray(String name, DataType type, Compression c) {
        return ZarrArray.create(dir.resolve(name),
                ZarrArrayMetadata.create(new long[] {5, 30, 40}, new int[] {2, 16, 16}, type, c));
    }

    @Test
    void chunksAreWrittenIndividuallyAndReportedAsExisting() throws IOException {
        ZarrArray a = newArray("a", DataType.FLOAT32, Compression.BLOSC_ZSTD);
        assertEquals(3 * 2 * 3, a.grid().size());
        assertFalse(a.chunkExists(2, 1, 2));
        Block data = SyntheticVolumes.random(a.bounds(), DataType.FLOAT32, 4);
        Box corner = a.chunkBox(2, 1, 2);
        assertEquals(new Box(4, 16, 32, 1, 14, 8), corner);
        a.writeChunk(data.crop(corner));
        assertTrue(a.chunkExists(2, 1, 2));
        assertFalse(a.chunkExists(0, 0, 0));
        assertEquals(dir.resolve("a/2/1/2"), a.chunkPath(2, 1, 2));
        assertArrayEquals(new long[] {2, 1, 2}, a.gridPosition(corner));

        // a reopened array sees the same chunk; unwritten chunks are the fill value 0
        ZarrArray again = ZarrArray.open(dir.resolve("a"));
        assertBlockEquals(data.crop(corner), again.readChunk(2, 1, 2));
        Block zero = again.readChunk(0, 0, 0);
        for (int i = 0; i < zero.size(); i++) {
            assertEquals(0.0, zero.get(i));
        }
        // no temporary files are left beside the chunks
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            List<String> names = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(".zarray", "2"), names.stream().sorted().toList());
        }
    }

    @Test
    void aBlockThatIsNotOneChunkIsRejected() {
        ZarrArray a = newArray("b", DataType.UINT8, Compression.NONE);
        Block notAligned = Block.allocate(new Box(1, 0, 0, 2, 16, 16), DataType.UINT8);
        assertThrows(IllegalArgumentException.class, () -> a.writeChunk(notAligned));
        Block tooSmall = Block.allocate(new Box(0, 0, 0, 2, 8, 16), DataType.UINT8);
        assertThrows(IllegalArgumentException.class, () -> a.writeChunk(tooSmall));
        Block wrongType = Block.allocate(a.chunkBox(0, 0, 0), DataType.UINT16);
        assertThrows(IllegalArgumentException.class, () -> a.writeChunk(wrongType));
        assertThrows(IllegalArgumentException.class, () -> a.chunkExists(3, 0, 0));
    }

    @Test
    void aCorruptChunkIsReportedWithItsPath() throws IOException {
        for (Compression c : new Compression[] {Compression.BLOSC_ZSTD, Compression.BLOSC_LZ4, Compression.DEFLATE,
            Compression.NONE}) {
            ZarrArray a = newArray("c-" + c, DataType.UINT16, c);
            Block data = SyntheticVolumes.ramp(a.bounds(), DataType.UINT16);
            for (Box b : a.grid()) {
                a.writeChunk(data.crop(b));
            }
            Path chunk = a.chunkPath(1, 0, 1);
            byte[] bytes = Files.readAllBytes(chunk);
            Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            try (VolumeReader r = Volumes.open(VolumeLocation.of(a.path()))) {
                VemsegException.Corrupt e = assertThrows(VemsegException.Corrupt.class, r::readAll);
                assertTrue(e.getMessage().startsWith(chunk + ": corrupt chunk"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line");
                // other chunks still read
                assertBlockEquals(data.crop(a.chunkBox(0, 0, 0)), r.read(a.chunkBox(0, 0, 0)));
            }
        }
    }

    @Test
    void aChunkOfTheWrongSizeIsCorrupt() throws IOException {
        ZarrArray a = newArray("d", DataType.UINT8, Compression.BLOSC_ZSTD);
        Path chunk = a.chunkPath(0, 0, 0);
        Files.createDirectories(chunk.getParent());
        Files.write(chunk, BloscCodec.encode(new byte[100], 1, BloscCodec.Inner.ZSTD, 5, 0));
        VemsegException.Corrupt e = assertThrows(VemsegException.Corrupt.class, () -> a.readChunk(0, 0, 0));
        assertTrue(e.getMessage().contains(chunk.toString()) && e.getMessage().contains("expected 512"),
                e.getMessage());
    }

    @Test
    void badMetadataNamesTheFile() throws IOException {
        Path broken = dir.resolve("broken.zarr");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(".zarray"), "{\"shape\": [1, 2,");
        VemsegException.Corrupt e = assertThrows(VemsegException.Corrupt.class,
                () -> Volumes.open(VolumeLocation.of(broken)));
        assertTrue(e.getMessage().startsWith(broken.resolve(".zarray") + ": invalid JSON"), e.getMessage());

        Files.writeString(broken.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4, 4]}");
        e = assertThrows(VemsegException.Corrupt.class, () -> Volumes.open(VolumeLocation.of(broken)));
        assertTrue(e.getMessage().startsWith(broken.resolve(".zarray").toString()), e.getMessage());

        Files.writeString(broken.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4, 4], \"chunks\": [2, 2, 2],"
                + " \"dtype\": \"<u8\", \"compressor\": null, \"fill_value\": 0, \"order\": \"C\", \"filters\": null}");
        VemsegException.Unsupported u = assertThrows(VemsegException.Unsupported.class,
                () -> Volumes.open(VolumeLocation.of(broken)));
        assertTrue(u.getMessage().contains("<u8"), u.getMessage());

        Files.writeString(broken.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4, 4], \"chunks\": [2, 2, 2],"
                + " \"dtype\": \"<u2\", \"compressor\": {\"id\": \"lzma\"}, \"fill_value\": 0, \"order\": \"C\","
                + " \"filters\": null}");
        u = assertThrows(VemsegException.Unsupported.class, () -> Volumes.open(VolumeLocation.of(broken)));
        assertTrue(u.getMessage().contains("lzma"), u.getMessage());
    }

    @Test
    void metadataRoundTripsThroughJson() {
        ZarrArray a = newArray("e", DataType.INT8, Compression.DEFLATE);
        ZarrArray b = ZarrArray.open(a.path());
        assertEquals(a.metadata(), b.metadata());
        assertEquals("|i1", ZarrJson.read(a.path().resolve(".zarray")).get("dtype").getAsString());
    }

    @Test
    void chunkFilesAreCountedInTheNestedAndTheFlatLayout() throws IOException {
        ZarrArray nested = newArray("n", DataType.UINT8, Compression.NONE);
        assertEquals(18, nested.chunkCount());
        assertEquals(0, nested.storedChunks());
        Block data = SyntheticVolumes.ramp(nested.bounds(), DataType.UINT8);
        nested.writeChunk(data.crop(nested.chunkBox(0, 0, 0)));
        nested.writeChunk(data.crop(nested.chunkBox(2, 1, 2)));
        // what a copy or an interrupted writer may leave: not chunks of this grid
        Files.writeString(nested.path().resolve("0/0/0.tmp"), "x");
        Files.createDirectories(nested.path().resolve("7/0"));
        Files.writeString(nested.path().resolve("7/0/0"), "x");
        Files.writeString(nested.path().resolve("1"), "a file where a folder belongs");
        assertEquals(2, nested.storedChunks());

        // written by zarr-python with the '.' separator: complete, 5D complete, and with 11 chunks never written
        assertEquals(12, ZarrArray.open(ZarrFixtures.resource("arrays/raw-u1")).storedChunks());
        assertEquals(12, ZarrArray.open(ZarrFixtures.resource("arrays/tczyx-5d")).storedChunks());
        ZarrArray sparse = ZarrArray.open(ZarrFixtures.resource("arrays/fill-u2"));
        assertEquals(12, sparse.chunkCount());
        assertEquals(1, sparse.storedChunks());
    }

    @Test
    void aReaderReportsMissingChunks() {
        try (VolumeReader r = Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/fill-u2")))) {
            assertEquals(Optional.of(new MissingChunks(11, 12)), r.missingChunks());
        }
        try (VolumeReader r = Volumes.open(VolumeLocation.of(ZarrFixtures.resource("arrays/raw-u1")))) {
            assertEquals(Optional.empty(), r.missingChunks());
        }
        assertEquals("v.zarr: 11 of 12 chunks are missing and read as the fill value (an incomplete upload or copy? "
                + "some writers also skip chunks holding only the fill value)", new MissingChunks(11, 12)
                .warning("v.zarr"));
    }
}
