package org.vemseg.core.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;
import static org.vemseg.core.testing.VolumeAsserts.writeAll;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/** What the TIFF writer puts on disk: BigTIFF, ImageJ metadata, layout, and what it refuses. */
class TiffWriterTest {

    @TempDir
    Path dir;

    private static final TiffFormat TIFF = (TiffFormat) Format.TIFF.format();

    private static VolumeInfo infoOf(Block b, Optional<VoxelSize> vs) {
        return VolumeInfo.ofSlices(b.box().depth(), b.box().height(), b.box().width(), b.type(), vs);
    }

    private static TiffStructure parse(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return TiffParser.parse(p, ch);
        }
    }

    @Test
    void forcedBigTiffRoundTripsWithVoxelSize() throws IOException {
        Block data = SyntheticVolumes.random(Box.ofShape(4, 300, 257), DataType.UINT16, 9);
        Optional<VoxelSize> vs = Optional.of(new VoxelSize(30, 6, 6));
        for (Compression c : new Compression[] {Compression.NONE, Compression.DEFLATE}) {
            Path p = dir.resolve("big-" + c + ".tif");
            try (VolumeWriter w = TIFF.createBigTiff(VolumeLocation.of(p), infoOf(data, vs),
                    WriteOptions.defaults().withCompression(c))) {
                writeAll(w, data);
            }
            byte[] head = Arrays.copyOf(Files.readAllBytes(p), 4);
            assertArrayEquals(new byte[] {'I', 'I', 43, 0}, head);
            try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
                assertTrue(r.describeFormat().contains("BigTIFF"), r.describeFormat());
                assertEquals(vs, r.info().voxelSize());
                assertBlockEquals(data, r.readAll());
            }
        }
    }

    @Test
    void bigTiffIsChosenWhenTheFileCouldPassFourGigabytes() {
        VolumeInfo small = new VolumeInfo(100, 1024, 1024, DataType.UINT8, Optional.empty(), new int[] {1, 1024, 1024});
        VolumeInfo large = new VolumeInfo(4100, 1024, 1024, DataType.UINT8, Optional.empty(),
                new int[] {1, 1024, 1024});
        VolumeInfo lzwNear = new VolumeInfo(3000, 1024, 1024, DataType.UINT8, Optional.empty(),
                new int[] {1, 1024, 1024});
        for (VolumeInfo info : new VolumeInfo[] {small, large}) {
            try (VolumeWriter w = TIFF.create(VolumeLocation.of(dir.resolve("size" + info.depth() + ".tif")), info,
                    WriteOptions.defaults())) {
                assertEquals(info == large, ((TiffWriter) w).isBigTiff());
            }
        }
        // 3 GB that LZW could inflate past 4 GB: decided conservatively up front.
        try (VolumeWriter w = TIFF.create(VolumeLocation.of(dir.resolve("lzw.tif")), lzwNear,
                WriteOptions.defaults().withCompression(Compression.LZW))) {
            assertTrue(((TiffWriter) w).isBigTiff());
        }
        try (VolumeWriter w = TIFF.create(VolumeLocation.of(dir.resolve("raw.tif")), lzwNear,
                WriteOptions.defaults())) {
            assertFalse(((TiffWriter) w).isBigTiff());
        }
        assertTrue(TiffWriter.estimatedSize(large, TiffCompression.NONE, 512) > large.bytes());
    }

    @Test
    void uncompressedOutputIsAnImageJStackWithContiguousPages() throws IOException {
        Block data = SyntheticVolumes.ramp(Box.ofShape(3, 700, 1000), DataType.UINT8);
        Path p = dir.resolve("ij.tif");
        Volumes.write(VolumeLocation.of(p), data, Optional.of(new VoxelSize(50, 4, 4.5)), WriteOptions.defaults());
        TiffStructure t = parse(p);
        String d = t.description().orElseThrow();
        assertTrue(d.startsWith("ImageJ=1.11a\nimages=3\nslices=3\nunit=nm\nspacing=50.0\n"), d);
        assertEquals(1 / 4.5, t.xResolution(), 1e-12);
        assertEquals(0.25, t.yResolution(), 1e-12);
        assertEquals(1, t.resolutionUnit());
        // ImageJ reads images=N pages as one block from the first strip: they must be back to back.
        long pageBytes = 700L * 1000;
        assertTrue(t.pages().get(0).offsets().length > 1, "several strips per page");
        for (int z = 0; z < 3; z++) {
            long[] off = t.pages().get(z).offsets();
            assertEquals(t.pages().get(0).offsets()[0] + z * pageBytes, off[0]);
            for (int s = 1; s < off.length; s++) {
                assertEquals(off[s - 1] + t.pages().get(z).byteCounts()[s - 1], off[s]);
            }
        }
    }

    @Test
    void compressedOutputLeavesImageCountOutOfTheDescription() throws IOException {
        Block data = SyntheticVolumes.ramp(Box.ofShape(2, 20, 30), DataType.FLOAT32);
        Path p = dir.resolve("c.tif");
        Volumes.write(VolumeLocation.of(p), data, Optional.of(new VoxelSize(8, 8, 8)),
                WriteOptions.defaults().withCompression(Compression.DEFLATE));
        String d = parse(p).description().orElseThrow();
        assertFalse(d.contains("images="), d);
        assertTrue(d.contains("spacing=8.0"), d);
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals("TIFF (Deflate)", r.describeFormat());
        }
    }

    @Test
    void bloscIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path p = dir.resolve("blosc.tif");
        VolumeInfo info = VolumeInfo.ofSlices(2, 4, 4, DataType.UINT8, Optional.empty());
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> TIFF.create(VolumeLocation.of(p),
                info, WriteOptions.defaults().withCompression(Compression.BLOSC_ZSTD)));
        assertTrue(e.getMessage().contains("blosc-zstd") && e.getMessage().contains("blosc.tif"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void blocksOutOfOrderAreRefused() {
        Block data = SyntheticVolumes.ramp(Box.ofShape(3, 8, 8), DataType.UINT8);
        try (VolumeWriter w = TIFF.create(VolumeLocation.of(dir.resolve("order.tif")), infoOf(data, Optional.empty()),
                WriteOptions.defaults())) {
            assertTrue(w.isSequential());
            assertArrayEquals(new int[] {1, 8, 8}, w.info().chunk());
            assertThrows(IllegalArgumentException.class, () -> w.write(data.crop(new Box(1, 0, 0, 1, 8, 8))));
            w.write(data.crop(new Box(0, 0, 0, 1, 8, 8)));
            assertThrows(IllegalStateException.class, w::commit);
        }
    }

    @Test
    void aTruncatedFileOfOurOwnIsCorruptNamingTheFile() throws IOException {
        Block data = SyntheticVolumes.random(Box.ofShape(5, 64, 64), DataType.UINT8, 1);
        Path p = dir.resolve("whole.tif");
        Volumes.write(VolumeLocation.of(p), data, Optional.empty(), WriteOptions.defaults());
        byte[] all = Files.readAllBytes(p);
        Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(all, all.length / 2));
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> Volumes.open(VolumeLocation.of(cut)));
        assertTrue(e.getMessage().contains("cut.tif") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void thousandsOfPagesOpenAndReadAnywhere() {
        Block data = SyntheticVolumes.random(Box.ofShape(3000, 5, 6), DataType.INT16, 2);
        Path p = dir.resolve("many.tif");
        Volumes.write(VolumeLocation.of(p), data, Optional.empty(), WriteOptions.defaults());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals(3000, r.info().depth());
            assertBlockEquals(data.crop(new Box(2990, 0, 0, 10, 5, 6)), r.read(new Box(2990, 0, 0, 10, 5, 6)));
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void largeCompressedBoxesDecodeInParallelToTheSameVoxels() {
        Block data = SyntheticVolumes.random(Box.ofShape(9, 512, 512), DataType.UINT16, 4);
        Path p = dir.resolve("par.tif");
        Volumes.write(VolumeLocation.of(p), data, Optional.empty(),
                WriteOptions.defaults().withCompression(Compression.LZW));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(data, r.readAll());
            Box part = new Box(1, 10, 20, 8, 500, 300);
            assertBlockEquals(data.crop(part), r.read(part));
        }
    }
}
