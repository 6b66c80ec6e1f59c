package org.vemseg.core.io.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** Reading slice folders written by other software (here: plain ImageIO), and their failure modes. */
class SliceFolderReaderTest {

    @TempDir
    Path dir;

    /** A gray 8-bit image filled with {@code value}. */
    private static BufferedImage gray(int width, int height, int value) {
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Arrays.fill(((java.awt.image.DataBufferByte) im.getRaster().getDataBuffer()).getData(), (byte) value);
        return im;
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static void png(BufferedImage im, Path file) throws IOException {
        assertTrue(ImageIO.write(im, "png", file.toFile()), "ImageIO wrote " + file);
    }

    private static VolumeReader open(Path p) {
        return Volumes.open(VolumeLocation.of(p));
    }

    private static void assertOneLine(Exception e, String... parts) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void zFollowsTheNumbersInTheFileNamesAndOtherFilesAreIgnored() throws IOException {
        Path f = folder("stack");
        for (int n : new int[] {10, 2, 1, 33}) {
            png(gray(6, 4, n), f.resolve("images." + n + ".png"));
        }
        png(gray(9, 9, 200), f.resolve(".images.0.png")); // hidden (e.g. macOS ._ files): ignored
        Files.writeString(f.resolve("notes.txt"), "not a slice");
        Files.writeString(f.resolve("meta.json"), "{}");
        Files.createDirectories(f.resolve("sub.png"));
        assertEquals(Format.SLICES, Format.forReading(VolumeLocation.of(f)));
        try (VolumeReader r = open(f)) {
            assertEquals(4, r.info().depth());
            assertEquals(4, r.info().height());
            assertEquals(6, r.info().width());
            assertEquals(DataType.UINT8, r.info().dataType());
            assertEquals(Optional.empty(), r.info().voxelSize());
            int[] expected = {1, 2, 10, 33};
            for (int z = 0; z < 4; z++) {
                assertEquals(expected[z], r.readSlice(z).get(0), "slice " + z);
            }
            Block part = r.read(new Box(1, 1, 2, 2, 2, 3));
            assertEquals(2, part.get(0));
            assertEquals(10, part.get(part.size() - 1));
        }
    }

    @Test
    void aSinglePngIsAOneSliceVolume() throws IOException {
        Path file = dir.resolve("one.png");
        png(gray(5, 3, 77), file);
        assertEquals(Format.SLICES, Format.forReading(VolumeLocation.of(file)));
        try (VolumeReader r = open(file)) {
            assertEquals(1, r.info().depth());
            assertEquals(77, r.readAll().get(14));
        }
    }

    @Test
    void sliceOfAnotherSizeIsNamedAtOpenWithBothSizes() throws IOException {
        Path f = folder("sizes");
        png(gray(8, 6, 1), f.resolve("s1.png"));
        png(gray(8, 6, 1), f.resolve("s2.png"));
        png(gray(8, 7, 1), f.resolve("s3.png"));
        png(gray(9, 6, 1), f.resolve("s4.png"));
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> open(f).close());
        assertOneLine(e, "s3.png", "6 x 8", "7 x 8", "s1.png");
    }

    @Test
    void sliceOfAnotherTypeIsNamedAtOpen() throws IOException {
        Path f = folder("types");
        png(gray(8, 6, 1), f.resolve("s1.png"));
        png(new BufferedImage(8, 6, BufferedImage.TYPE_USHORT_GRAY), f.resolve("s2.png"));
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> open(f).close());
        assertOneLine(e, "s2.png", "uint16", "uint8");
    }

    @Test
    void truncatedPngIsCorruptAndNamed() throws IOException {
        Path f = folder("cut");
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Block random = SyntheticVolumes.random(Box.ofShape(1, 64, 64), DataType.UINT8, 1);
        System.arraycopy(random.bytes(), 0, ((java.awt.image.DataBufferByte) noise.getRaster().getDataBuffer())
                .getData(), 0, 64 * 64);
        for (int z = 0; z < 3; z++) {
            png(noise, f.resolve("s" + z + ".png"));
        }
        Path victim = f.resolve("s1.png");
        byte[] all = Files.readAllBytes(victim);
        Files.write(victim, Arrays.copyOf(all, all.length / 2));
        try (VolumeReader r = open(f)) { // the header is intact: opening succeeds, decoding fails
            assertEquals(0, r.readSlice(0).get(1) - random.get(1));
            VemsegException e = assertThrows(VemsegException.Corrupt.class, r::readAll);
            assertOneLine(e, "s1.png", "truncated");
        }
        Files.write(victim, Arrays.copyOf(all, 11)); // not even a header: fails at open
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> open(f).close());
        assertOneLine(e, "s1.png");
    }

    @Test
    void pngAndTiffInOneFolderAreRefused() throws IOException {
        Path f = folder("mixed");
        png(gray(4, 4, 1), f.resolve("a1.png"));
        assertTrue(ImageIO.write(gray(4, 4, 1), "tiff", f.resolve("a2.tif").toFile()));
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> open(f).close());
        assertOneLine(e, f.toString(), ".png", ".tif");
    }

    @Test
    void folderWithoutSlicesIsNotASliceVolume() throws IOException {
        Path f = folder("empty");
        Files.writeString(f.resolve("readme.txt"), "nothing here");
        assertThrows(VemsegException.Unsupported.class, () -> Format.forReading(VolumeLocation.of(f)));
        assertThrows(VemsegException.InvalidInput.class, () -> new SliceFolderFormat().open(VolumeLocation.of(f)));
    }

    @Test
    void paletteSlicesAreReadAsTheirIndexNotTheirColour() throws IOException {
        byte[] red = {0, (byte) 255, 0};
        byte[] green = {0, 0, (byte) 255};
        byte[] blue = {0, 0, 0};
        IndexColorModel palette = new IndexColorModel(8, 3, red, green, blue);
        BufferedImage im = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_INDEXED, palette);
        im.getRaster().setSample(1, 0, 0, 1);
        im.getRaster().setSample(2, 3, 0, 2);
        Path f = folder("labels");
        png(im, f.resolve("mask.0.png"));
        try (VolumeReader r = open(f)) {
            Block b = r.readAll();
            assertEquals(DataType.UINT8, b.type());
            assertEquals(1, b.get(b.index(0, 0, 1)));
            assertEquals(2, b.get(b.index(0, 3, 2)));
            assertEquals(0, b.get(b.index(0, 1, 1)));
        }
    }

    @Test
    void sixteenBitGrayPngIsUint16() throws IOException {
        BufferedImage im = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        im.getRaster().setSample(2, 1, 0, 65535);
        im.getRaster().setSample(0, 0, 0, 1234);
        Path file = dir.resolve("deep.png");
        png(im, file);
        try (VolumeReader r = open(file)) {
            Block b = r.readAll();
            assertEquals(DataType.UINT16, b.type());
            assertEquals(1234, b.get(0));
            assertEquals(65535, b.get(5));
        }
    }

    @Test
    void rgbSlicesAreGrayOnlyIfAllChannelsAreEqual() throws IOException {
        BufferedImage grayRgb = new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR);
        grayRgb.setRGB(1, 2, 0x404040);
        Path f = folder("rgb");
        png(grayRgb, f.resolve("g.png"));
        try (VolumeReader r = open(f)) {
            Block b = r.readAll();
            assertEquals(0x40, b.get(b.index(0, 2, 1)));
            assertEquals(0, b.get(0));
        }
        BufferedImage colour = new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR);
        colour.setRGB(3, 1, 0xff0000);
        Path c = dir.resolve("colour.png");
        png(colour, c);
        try (VolumeReader r = open(c)) {
            VemsegException e = assertThrows(VemsegException.Unsupported.class, r::readAll);
            assertOneLine(e, "colour.png", "RGB");
        }
    }

    @Test
    void tiffSlicesWrittenElsewhereAreRead() throws IOException {
        Path f = folder("tifs");
        assertTrue(ImageIO.write(gray(7, 5, 3), "tiff", f.resolve("z1.tiff").toFile()));
        assertTrue(ImageIO.write(gray(7, 5, 4), "tiff", f.resolve("z2.TIF").toFile()));
        try (VolumeReader r = open(f)) {
            assertEquals(2, r.info().depth());
            assertEquals(3, r.readSlice(0).get(0));
            assertEquals(4, r.readSlice(1).get(34));
            assertTrue(r.describeFormat().contains("TIFF"), r.describeFormat());
        }
    }

    @Test
    void missingSliceFileIsAnIoErrorNamingIt() throws IOException {
        Path f = folder("vanishing");
        png(gray(4, 4, 1), f.resolve("a1.png"));
        png(gray(4, 4, 2), f.resolve("a2.png"));
        try (VolumeReader r = open(f)) {
            Files.delete(f.resolve("a2.png"));
            VemsegException e = assertThrows(VemsegException.IO.class, () -> r.readSlice(1));
            assertOneLine(e, "a2.png");
        }
    }
}
