package org.vemseg.core.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * Files crafted byte by byte: layouts vemseg's writer never produces (big-endian, tiles, predictors,
 * short last strips) and damaged or unsupported files, which must fail with one line naming the file.
 */
class TiffCraftedFilesTest {

    @TempDir
    Path dir;

    private Path save(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] out = new byte[raw.length * 2 + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] lzw(byte[] raw) {
        byte[] out = new byte[Lzw.maxEncodedSize(raw.length)];
        return Arrays.copyOf(out, new Lzw().encode(raw, 0, raw.length, out));
    }

    /** Value of voxel (z, y, x) in the crafted 16-bit volumes. */
    private static short value(int z, int y, int x) {
        return (short) (z * 10007 + y * 257 + x * 31 - 20000);
    }

    @Test
    void bigEndianInt16StripsWithHorizontalPredictorAndDeflate() throws IOException {
        int w = 7;
        int h = 5;
        int rps = 2;
        TiffBuilder b = new TiffBuilder(ByteOrder.BIG_ENDIAN, false);
        for (int z = 0; z < 2; z++) {
            byte[][] strips = new byte[3][];
            for (int s = 0; s < 3; s++) {
                int rows = Math.min(rps, h - s * rps);
                ByteBuffer raw = ByteBuffer.allocate(rows * w * 2).order(ByteOrder.BIG_ENDIAN);
                for (int r = 0; r < rows; r++) {
                    int y = s * rps + r;
                    for (int x = 0; x < w; x++) {
                        raw.putShort((short) (x == 0 ? value(z, y, 0) : value(z, y, x) - value(z, y, x - 1)));
                    }
                }
                strips[s] = deflate(raw.array());
            }
            b.strips(w, h, 16, TiffTags.SAMPLE_INT, 8, 2, rps, strips);
        }
        Path p = save("be.tif", b.build());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals(DataType.INT16, r.info().dataType());
            assertEquals(2, r.info().chunk()[1]);
            Block all = r.readAll();
            for (int z = 0; z < 2; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertEquals(value(z, y, x), all.shorts()[all.index(z, y, x)], z + "," + y + "," + x);
                    }
                }
            }
            Block part = r.read(new Box(1, 3, 2, 1, 2, 4));
            assertEquals(value(1, 4, 5), part.shorts()[part.index(1, 4, 5)]);
        }
    }

    @Test
    void littleEndianFloatTilesWithFloatingPointPredictorAndLzwInBigTiff() throws IOException {
        int w = 20;
        int h = 37;
        int tw = 16;
        int th = 16;
        int across = 2;
        int down = 3;
        byte[][] tiles = new byte[across * down][];
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                byte[] tile = new byte[tw * th * 4];
                for (int r = 0; r < th; r++) {
                    ByteBuffer row = ByteBuffer.allocate(tw * 4).order(ByteOrder.BIG_ENDIAN);
                    for (int c = 0; c < tw; c++) {
                        int y = ty * th + r;
                        int x = tx * tw + c;
                        row.putFloat(y < h && x < w ? y * 0.5f - x * 1.25f : 0f);
                    }
                    byte[] enc = TiffCodecTest.FloatPredictorEncoder.encode(row.array(), tw, 4);
                    System.arraycopy(enc, 0, tile, r * tw * 4, tw * 4);
                }
                tiles[ty * across + tx] = lzw(tile);
            }
        }
        Path p = save("float.tif", new TiffBuilder(ByteOrder.LITTLE_ENDIAN, true)
                .tiles(w, h, 32, TiffTags.SAMPLE_FLOAT, 5, 3, tw, th, tiles).build());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals("TIFF (LZW, tiled, BigTIFF)", r.describeFormat());
            Block all = r.readAll();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(y * 0.5f - x * 1.25f, all.floats()[all.index(0, y, x)], y + "," + x);
                }
            }
        }
    }

    @Test
    void uncompressedBigEndianTilesOfUint32() throws IOException {
        int w = 9;
        int h = 6;
        int t = 4;
        byte[][] tiles = new byte[6][];
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 3; tx++) {
                ByteBuffer tile = ByteBuffer.allocate(t * t * 4).order(ByteOrder.BIG_ENDIAN);
                for (int r = 0; r < t; r++) {
                    for (int c = 0; c < t; c++) {
                        tile.putInt(0xF0000000 + (ty * t + r) * 100 + tx * t + c);
                    }
                }
                tiles[ty * 3 + tx] = tile.array();
            }
        }
        Path p = save("tiles.tif", new TiffBuilder(ByteOrder.BIG_ENDIAN, false)
                .tiles(w, h, 32, TiffTags.SAMPLE_UINT, 1, 1, t, t, tiles).build());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            Block part = r.read(new Box(0, 1, 2, 1, 5, 7));
            for (int y = 1; y < 6; y++) {
                for (int x = 2; x < 9; x++) {
                    assertEquals(0xF0000000L + y * 100 + x, (long) part.get(part.index(0, y, x)));
                }
            }
        }
    }

    private static void assertOneLineNaming(VemsegException e, Path p, String... parts) {
        String m = e.getMessage();
        assertTrue(m.contains(p.getFileName().toString()), m);
        assertEquals(1, m.lines().count(), m);
        for (String part : parts) {
            assertTrue(m.contains(part), "'" + part + "' in: " + m);
        }
    }

    @Test
    void unsupportedCompressionIsNamed() throws IOException {
        Path p = save("jpeg.tif", new TiffBuilder(ByteOrder.LITTLE_ENDIAN, false)
                .strips(4, 4, 8, 1, 7, 1, 4, new byte[] {1, 2, 3}).build());
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> Volumes.open(VolumeLocation.of(p)));
        assertOneLineNaming(e, p, "JPEG", "(7)");
    }

    @Test
    void rgbIsRefusedClearly() throws IOException {
        Path p = save("rgb.tif", new TiffBuilder(ByteOrder.LITTLE_ENDIAN, false)
                .strips(2, 2, 8, 1, 1, 1, 2, new byte[12]).tag(TiffTags.SAMPLES_PER_PIXEL, 3).build());
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> Volumes.open(VolumeLocation.of(p)));
        assertOneLineNaming(e, p, "3 samples per pixel");
    }

    @Test
    void pagesOfDifferentShapesAreRefused() throws IOException {
        Path p = save("mixed.tif", new TiffBuilder(ByteOrder.LITTLE_ENDIAN, false)
                .strips(4, 4, 8, 1, 1, 1, 4, new byte[16])
                .strips(4, 2, 8, 1, 1, 1, 2, new byte[8]).build());
        VemsegException e = assertThrows(VemsegException.class, () -> Volumes.open(VolumeLocation.of(p)));
        assertOneLineNaming(e, p, "page 1");
    }

    @Test
    void stripBeyondTheEndOfTheFileIsCorrupt() throws IOException {
        byte[] good = new TiffBuilder(ByteOrder.LITTLE_ENDIAN, false).strips(4, 4, 8, 1, 1, 1, 4, new byte[16]).build();
        // Point the strip offset (the only LONG value 8, at the strip data start) far beyond the file.
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        int entries = b.getShort(ifd);
        for (int i = 0; i < entries; i++) {
            int at = ifd + 2 + i * 12;
            if (b.getShort(at) == TiffTags.STRIP_OFFSETS) {
                b.putInt(at + 8, 1_000_000);
            }
        }
        Path p = save("far.tif", good);
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> Volumes.open(VolumeLocation.of(p)));
        assertOneLineNaming(e, p, "beyond the end of the file");
    }

    @Test
    void badCompressedDataIsCorruptOnRead() throws IOException {
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xFF);
        Path p = save("baddeflate.tif", new TiffBuilder(ByteOrder.LITTLE_ENDIAN, false)
                .strips(8, 8, 8, 1, 8, 1, 8, garbage).build());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            VemsegException e = assertThrows(VemsegException.Corrupt.class, r::readAll);
            assertOneLineNaming(e, p, "Deflate");
        }
        byte[] shortLzw = lzw(new byte[10]);
        Path q = save("shortlzw.tif", new TiffBuilder(ByteOrder.LITTLE_ENDIAN, false)
                .strips(8, 8, 8, 1, 5, 1, 8, shortLzw).build());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(q))) {
            VemsegException e = assertThrows(VemsegException.Corrupt.class, r::readAll);
            assertOneLineNaming(e, q, "ends early");
        }
    }

    @Test
    void garbageWithATiffNameAndAnEmptyFileAreCorrupt() throws IOException {
        Path p = save("garbage.tif", "this is not an image at all, just text".getBytes());
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> Volumes.open(VolumeLocation.of(p)));
        assertOneLineNaming(e, p, "not a TIFF");
        Path empty = save("empty.tif", new byte[0]);
        e = assertThrows(VemsegException.Corrupt.class, () -> Volumes.open(VolumeLocation.of(empty)));
        assertOneLineNaming(e, empty);
        Path loop = save("loop.tif", new byte[] {'I', 'I', 42, 0, 4, 0, 0, 0});
        e = assertThrows(VemsegException.Corrupt.class, () -> Volumes.open(VolumeLocation.of(loop)));
        assertOneLineNaming(e, loop);
    }
}
