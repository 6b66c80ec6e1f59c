package org.vemseg.core.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.ParallelReads;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.testing.VolumeAsserts;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

class MrcFormatTest {

    /**
     * From {@code formats/expected.json}: the ISBI crop as uint8. mrcfile stored the same values as int16 and
     * float32.
     */
    private static final long[] SHAPE = {10, 256, 384};
    private static final long SUM = 118405357L;
    private static final double[] FIRST_8 = {138, 147, 158, 163, 159, 152, 136, 118};
    private static final VoxelSize VOXEL = new VoxelSize(50, 4, 4);

    private final MrcFormat format = new MrcFormat();

    @TempDir
    Path tmp;

    private VolumeReader open(Path p) {
        return format.open(VolumeLocation.of(p));
    }

    @Test
    void mode1FixtureHoldsTheCropAsInt16() {
        try (VolumeReader r = open(SharedData.require("formats/isbi-crop-mode1.mrc"))) {
            assertEquals(DataType.INT16, r.info().dataType());
            assertFixtureValues(r);
            assertTrue(r.describeFormat().contains("mode 1"), r.describeFormat());
        }
    }

    @Test
    void mode2FixtureHoldsTheSameValuesAsFloat32() {
        try (VolumeReader r = open(SharedData.require("formats/isbi-crop-mode2.rec"))) {
            assertEquals(DataType.FLOAT32, r.info().dataType());
            assertFixtureValues(r);
        }
    }

    private static void assertFixtureValues(VolumeReader r) {
        assertArrayEquals(SHAPE, r.info().shape());
        assertEquals(Optional.of(VOXEL), r.info().voxelSize());
        Block all = r.readAll();
        long sum = 0;
        for (int i = 0; i < all.size(); i++) {
            double v = all.get(i);
            assertEquals(Math.rint(v), v, "integer values expected");
            sum += (long) v;
        }
        assertEquals(SUM, sum);
        double[] first = new double[8];
        for (int i = 0; i < 8; i++) {
            first[i] = all.get(i);
        }
        assertArrayEquals(FIRST_8, first);
    }

    @Test
    void subBoxesEqualTheCorrespondingPartOfAFullRead() {
        try (VolumeReader r = open(SharedData.require("formats/isbi-crop-mode2.rec"))) {
            Block all = r.readAll();
            for (Box b : new Box[] {new Box(3, 17, 29, 4, 100, 77), new Box(0, 0, 0, 10, 256, 384),
                new Box(9, 255, 383, 1, 1, 1), new Box(2, 10, 0, 3, 40, 384), new Box(5, 0, 200, 1, 256, 184)}) {
                VolumeAsserts.assertBlockEquals(all.crop(b), r.read(b));
            }
        }
    }

    @Test
    void parallelReadsReturnTheSameVoxelsAsSequentialOnes() throws Exception {
        try (VolumeReader r = open(SharedData.require("formats/isbi-crop-mode1.mrc"))) {
            ParallelReads.assertMatchSequential(r, t -> new Box(t % 10, t * 7, t * 11, 1, 64, 100));
        }
    }

    @Test
    void aFileListsItselfAsItsOnlyVolume() {
        Path rec = SharedData.require("formats/isbi-crop-mode2.rec");
        assertEquals(List.of(VolumeLocation.of(rec)), format.list(rec));
    }

    @Test
    void registryFindsMrcByExtensionAndBySignature() throws IOException {
        Path rec = SharedData.require("formats/isbi-crop-mode2.rec");
        assertEquals(Format.MRC, Format.forReading(VolumeLocation.of(rec)));
        Path unnamed = new MrcTestFile().write(tmp.resolve("volume.bin"), new byte[4 * 3 * 2 * 2]);
        assertEquals(Format.MRC, Format.forReading(VolumeLocation.of(unnamed)));
        for (String name : new String[] {"a.mrc", "a.REC", "a.st", "a.map", "a.ali", "a.mrcs"}) {
            assertTrue(format.recognises(VolumeLocation.of(Path.of(name))), name);
        }
        assertFalse(format.recognises(VolumeLocation.of(Path.of("a.tif"))));
        assertFalse(format.matchesSignature(new byte[1024]));
    }

    @Test
    void extendedHeaderIsSkipped() throws IOException {
        MrcTestFile f = new MrcTestFile().shape(2, 3, 4);
        f.extendedBytes = 3 * 1024;
        Path p = f.write(tmp.resolve("ext.mrc"), f.rampShorts());
        try (VolumeReader r = open(p)) {
            Block all = r.readAll();
            for (int i = 0; i < 24; i++) {
                assertEquals(i, all.get(i));
            }
        }
    }

    @Test
    void bigEndianFilesAreReadWithAndWithoutMachineStamp() throws IOException {
        for (boolean stamp : new boolean[] {true, false}) {
            MrcTestFile f = new MrcTestFile().shape(1, 2, 2).mode(6);
            f.order = ByteOrder.BIG_ENDIAN;
            f.machineStamp = stamp;
            Path p = f.write(tmp.resolve("be" + stamp + ".mrc"), f.shorts(1, 40000, 65535, 258));
            try (VolumeReader r = open(p)) {
                assertEquals(DataType.UINT16, r.info().dataType());
                Block b = r.readAll();
                assertArrayEquals(new double[] {1, 40000, 65535, 258},
                        new double[] {b.get(0), b.get(1), b.get(2), b.get(3)});
                assertTrue(r.describeFormat().contains("big-endian"), r.describeFormat());
            }
        }
    }

    @Test
    void mode0SignednessFollowsImodFlagsThenTheMrc2014Version() throws IOException {
        record Case(int stamp, int flags, int version, DataType expected, double value) {
        }
        List<Case> cases = List.of(
                new Case(0, 0, 0, DataType.UINT8, 200),
                new Case(0, 0, 20140, DataType.INT8, -56),
                new Case(MrcHeader.IMOD_STAMP, 1, 20140, DataType.INT8, -56),
                new Case(MrcHeader.IMOD_STAMP, 0, 20140, DataType.UINT8, 200));
        int n = 0;
        for (Case c : cases) {
            MrcTestFile f = new MrcTestFile().shape(1, 1, 2).mode(0);
            f.imodStamp = c.stamp;
            f.imodFlags = c.flags;
            f.version = c.version;
            Path p = f.write(tmp.resolve("m0-" + n++ + ".mrc"), new byte[] {(byte) 200, 7});
            try (VolumeReader r = open(p)) {
                assertEquals(c.expected, r.info().dataType(), c.toString());
                Block b = r.readAll();
                assertEquals(c.value, b.get(0), c.toString());
                assertEquals(7, b.get(1), c.toString());
            }
        }
    }

    @Test
    void voxelSizeIsCellOverGridInNanometres() throws IOException {
        MrcTestFile f = new MrcTestFile().shape(2, 3, 4).spacing(12.5f, 12.5f, 30f);
        try (VolumeReader r = open(f.write(tmp.resolve("v.mrc"), f.rampShorts()))) {
            assertEquals(Optional.of(new VoxelSize(3, 1.25, 1.25)), r.info().voxelSize());
        }
        MrcTestFile unknown = new MrcTestFile().shape(2, 3, 4);
        try (VolumeReader r = open(unknown.write(tmp.resolve("one.mrc"), unknown.rampShorts()))) {
            assertEquals(Optional.empty(), r.info().voxelSize(), "1 Å on every axis is the writers' 'unknown'");
        }
        MrcTestFile zero = new MrcTestFile().shape(2, 3, 4).spacing(0, 0, 0);
        try (VolumeReader r = open(zero.write(tmp.resolve("zero.mrc"), zero.rampShorts()))) {
            assertEquals(Optional.empty(), r.info().voxelSize());
        }
    }

    @Test
    void truncatedFileNamesExpectedAndFoundSizes() throws IOException {
        MrcTestFile f = new MrcTestFile().shape(6, 5, 4);
        Path p = f.write(tmp.resolve("short.mrc"), new byte[100]);
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> open(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated: expected " + (1024 + 6 * 5 * 4 * 2) + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("found 1124"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unsupportedModesAreNamed() throws IOException {
        for (int mode : new int[] {3, 4, 12, 16, 101}) {
            MrcTestFile f = new MrcTestFile().mode(mode);
            Path p = f.write(tmp.resolve("mode" + mode + ".mrc"), new byte[4 * 3 * 2 * 8]);
            VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> open(p));
            assertTrue(e.getMessage().contains("mode " + mode), e.getMessage());
            assertTrue(e.getMessage().contains("0, 1, 2, 6"), e.getMessage());
        }
        MrcTestFile half = new MrcTestFile().mode(12);
        Path p = half.write(tmp.resolve("half.mrc"), new byte[48]);
        assertTrue(assertThrows(VemsegException.Unsupported.class, () -> open(p)).getMessage().contains("float16"));
    }

    @Test
    void permutedAxesAreUnsupported() throws IOException {
        MrcTestFile f = new MrcTestFile();
        byte[] header = f.header();
        java.nio.ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(64, 3).putInt(72, 1);
        Path p = Files.write(tmp.resolve("perm.map"), concat(header, new byte[48]));
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> open(p));
        assertTrue(e.getMessage().contains("3, 2, 1"), e.getMessage());
    }

    @Test
    void nonMrcBytesAreCorrupt() throws IOException {
        byte[] junk = new byte[2048];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        Path p = Files.write(tmp.resolve("junk.mrc"), junk);
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> open(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        Path tiny = Files.write(tmp.resolve("tiny.mrc"), new byte[10]);
        assertTrue(assertThrows(VemsegException.Corrupt.class, () -> open(tiny)).getMessage().contains("truncated"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
