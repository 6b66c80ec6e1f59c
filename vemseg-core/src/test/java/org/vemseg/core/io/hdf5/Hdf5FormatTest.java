package org.vemseg.core.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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

class Hdf5FormatTest {

    /** From {@code formats/expected.json} (the ISBI crop written by h5py). */
    private static final long[] SHAPE = {10, 256, 384};
    private static final long SUM = 118405357L;
    private static final double[] FIRST_8 = {138, 147, 158, 163, 159, 152, 136, 118};
    private static final long MEMBRANE_VOXELS = 241516;

    private final Hdf5Format format = new Hdf5Format();

    @TempDir
    Path tmp;

    private VolumeReader open(String location) {
        return format.open(VolumeLocation.parse(location));
    }

    private static String fixture() {
        return SharedData.require("formats/isbi-crop.h5").toString();
    }

    @Test
    void rawDatasetHoldsTheCropWithItsResolution() {
        try (VolumeReader r = open(fixture() + ":/volumes/raw")) {
            assertArrayEquals(SHAPE, r.info().shape());
            assertEquals(DataType.UINT8, r.info().dataType());
            assertEquals(Optional.of(new VoxelSize(50, 4, 4)), r.info().voxelSize());
            Block all = r.readAll();
            long sum = 0;
            for (int i = 0; i < all.size(); i++) {
                sum += (long) all.get(i);
            }
            assertEquals(SUM, sum);
            double[] first = new double[8];
            for (int i = 0; i < 8; i++) {
                first[i] = all.get(i);
            }
            assertArrayEquals(FIRST_8, first);
            assertEquals("HDF5 (/volumes/raw, chunked gzip)", r.describeFormat().replace("shuffle+", ""));
        }
    }

    @Test
    void membraneLabelsCountTheMembraneVoxels() {
        try (VolumeReader r = open(fixture() + ":volumes/labels/membrane")) {
            assertArrayEquals(SHAPE, r.info().shape());
            Block all = r.readAll();
            long ones = 0;
            for (int i = 0; i < all.size(); i++) {
                double v = all.get(i);
                assertTrue(v == 0 || v == 1, "label value " + v);
                ones += (long) v;
            }
            assertEquals(MEMBRANE_VOXELS, ones);
        }
    }

    @Test
    void subBoxesEqualTheCorrespondingPartOfAFullRead() {
        try (VolumeReader r = open(fixture() + ":/volumes/raw")) {
            Block all = r.readAll();
            for (Box b : new Box[] {new Box(3, 17, 29, 4, 100, 77), new Box(9, 255, 383, 1, 1, 1),
                new Box(0, 0, 0, 1, 256, 384), new Box(2, 100, 300, 8, 156, 84)}) {
                VolumeAsserts.assertBlockEquals(all.crop(b), r.read(b));
            }
        }
    }

    @Test
    void parallelReadsReturnTheSameVoxelsAsSequentialOnes() throws Exception {
        try (VolumeReader r = open(fixture() + ":/volumes/raw")) {
            ParallelReads.assertMatchSequential(r, t -> new Box(t % 8, t * 9, t * 13, 1 + t % 3, 70, 90));
        }
    }

    @Test
    void fileWithTwoVolumesAndNoDatasetAsksWhichOne() {
        String file = fixture();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> open(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": which dataset?"), m);
        assertTrue(m.contains("/volumes/raw") && m.contains("/volumes/labels/membrane"), m);
        assertTrue(m.endsWith("; use " + file + ":/volumes/raw"), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void missingDatasetIsNamedWithTheDatasetsThatExist() {
        String file = fixture();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> open(file + ":/volumes/rwa"));
        String m = e.getMessage();
        assertTrue(m.contains("no dataset /volumes/rwa"), m);
        assertTrue(m.contains("/volumes/raw") && m.contains("/volumes/labels/membrane"), m);
        VemsegException group = assertThrows(VemsegException.InvalidInput.class, () -> open(file + ":/volumes/labels"));
        assertTrue(group.getMessage().contains("/volumes/labels is a group"), group.getMessage());
    }

    @Test
    void registryFindsHdf5ByExtensionAndBySignature() throws IOException {
        Path h5 = Path.of(fixture());
        assertEquals(Format.HDF5, Format.forReading(VolumeLocation.parse(h5 + ":/volumes/raw")));
        Path renamed = Files.copy(h5, tmp.resolve("crop.data"));
        assertEquals(Format.HDF5, Format.forReading(VolumeLocation.of(renamed)));
        for (String name : new String[] {"a.h5", "a.HDF5", "a.hdf", "a.he5"}) {
            assertTrue(format.recognises(VolumeLocation.of(Path.of(name))), name);
        }
        assertFalse(format.recognises(VolumeLocation.of(Path.of("a.n5"))));
    }

    /** Writes an HDF5 file with jHDF's writer. */
    private Path h5(String name, Consumer<WritableHdfFile> content) {
        Path p = tmp.resolve(name);
        try (WritableHdfFile f = HdfFile.write(p)) {
            content.accept(f);
        }
        return p;
    }

    private static short[][][] ramp(int depth, int height, int width) {
        short[][][] v = new short[depth][height][width];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    v[z][y][x] = (short) (z * 1000 + y * 10 + x - 500);
                }
            }
        }
        return v;
    }

    @Test
    void onlyVolumeIsChosenWhenNoDatasetIsGivenAndPartialChunksAreRead() {
        Path p = h5("one.h5", f -> {
            f.putDataset("spacing", new double[] {1, 2, 3});
            WritableGroup g = f.putGroup("data");
            WritableDataset d = g.putDataset("em", ramp(3, 7, 9),
                    DatasetCreationOptions.builder().chunkDimensions(2, 4, 4).deflate().build());
            d.putAttribute("element_size_um", new double[] {0.03, 0.0036, 0.0036});
        });
        try (VolumeReader r = open(p.toString())) {
            assertArrayEquals(new long[] {3, 7, 9}, r.info().shape());
            assertEquals(DataType.INT16, r.info().dataType());
            assertArrayEquals(new int[] {2, 4, 4}, r.info().chunk());
            assertEquals(Optional.of(new VoxelSize(30, 3.6, 3.6)), r.info().voxelSize());
            assertEquals("HDF5 (/data/em, chunked gzip)", r.describeFormat());
            Block b = r.read(new Box(1, 3, 5, 2, 4, 4));
            assertEquals(1000 + 30 + 5 - 500, b.get(0));
            assertEquals(2000 + 60 + 8 - 500, b.get(b.size() - 1));
        }
    }

    @Test
    void twoDimensionalDatasetIsOneSliceAndLeadingSingletonsAreSqueezed() {
        Path p = h5("shapes.h5", f -> {
            f.putDataset("image", new float[][] {{1.5f, 2.5f, 3.5f}, {4.5f, 5.5f, 6.5f}});
            f.putDataset("channel", new int[][][][] {{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}},
                    DatasetCreationOptions.builder().unsigned().build());
            f.putDataset("multichannel", new byte[2][2][3][3]);
        });
        try (VolumeReader r = open(p + ":/image")) {
            assertArrayEquals(new long[] {1, 2, 3}, r.info().shape());
            assertEquals(DataType.FLOAT32, r.info().dataType());
            assertEquals(5.5, r.read(new Box(0, 1, 1, 1, 1, 1)).get(0));
            assertEquals("HDF5 (/image, contiguous)", r.describeFormat());
        }
        try (VolumeReader r = open(p + ":/channel")) {
            assertArrayEquals(new long[] {2, 2, 2}, r.info().shape());
            assertEquals(DataType.UINT32, r.info().dataType());
            Block all = r.readAll();
            for (int i = 0; i < 8; i++) {
                assertEquals(i + 1, all.get(i));
            }
        }
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> open(p + ":/multichannel"));
        assertTrue(e.getMessage().contains("2 x 2 x 3 x 3"), e.getMessage());
    }

    @Test
    void sixtyFourBitIntegersAreUnsupported() {
        Path p = h5("labels.h5", f -> f.putDataset("seg", new long[2][3][4]));
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> open(p + ":/seg"));
        assertTrue(e.getMessage().startsWith(p + ":/seg: data type int64"), e.getMessage());
    }

    @Test
    void fileWithoutVolumesSaysWhatItHolds() {
        Path p = h5("table.h5", f -> f.putDataset("values", new double[] {1, 2}));
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> open(p.toString()));
        assertTrue(e.getMessage().contains("no 2D or 3D dataset") && e.getMessage().contains("/values (2)"),
                e.getMessage());
    }

    @Test
    void listingNamesEachVolumeDatasetDepthFirstAndSkipsTables() {
        Path file = Path.of(fixture());
        assertEquals(List.of(new VolumeLocation(file, Optional.of("/volumes/labels/membrane")),
                new VolumeLocation(file, Optional.of("/volumes/raw"))), format.list(file));
        Path table = h5("table.h5", f -> f.putDataset("values", new double[] {1, 2}));
        assertEquals(List.of(), format.list(table));
    }

    @Test
    void listingADamagedFileIsCorrupt() throws IOException {
        Path p = Files.write(tmp.resolve("fake.h5"), "this is not HDF5 at all, just text".repeat(40).getBytes());
        assertThrows(VemsegException.Corrupt.class, () -> format.list(p));
    }

    @Test
    void nonHdf5BytesAreCorrupt() throws IOException {
        Path p = Files.write(tmp.resolve("fake.h5"), "this is not HDF5 at all, just text".repeat(40).getBytes());
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> open(p + ":/volumes/raw"));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(format.matchesSignature(Files.readAllBytes(p)));
    }

    @Test
    void truncatedHdf5IsCorruptNamingExpectedAndFoundSizes() throws IOException {
        byte[] all = Files.readAllBytes(Path.of(fixture()));
        for (int length : new int[] {100, 4096, all.length - 1000}) {
            Path p = Files.write(tmp.resolve("cut" + length + ".h5"), java.util.Arrays.copyOf(all, length));
            VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> open(p + ":/volumes/raw"));
            assertEquals(p + ": truncated: expected " + all.length + " bytes, found " + length, e.getMessage());
        }
    }

    @Test
    void largeReadsAreSplitIntoBoundedSlabsThatTileTheBox() {
        Box box = new Box(2, 3, 4, 20, 9000, 9000);
        List<Box> slabs = Hdf5Reader.slabs(box, 4);
        long voxels = 0;
        for (Box s : slabs) {
            assertTrue(box.contains(s));
            assertTrue(s.voxels() * 4 <= Hdf5Reader.MAX_SLICE_BYTES, s.toString());
            voxels += s.voxels();
        }
        assertEquals(box.voxels(), voxels);
        Box small = new Box(0, 0, 0, 10, 256, 384);
        assertEquals(List.of(small), Hdf5Reader.slabs(small, 1));
    }
}
