package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.zarr.ZarrArray;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * {@link VolumeFingerprint} tells two states of one input apart in every input kind: a single file, a slice
 * folder, an HDF5 dataset and an OME-Zarr folder (whose chunk files it does not stat, so only the sample sees
 * a rewritten chunk).
 */
class VolumeFingerprintTest {

    @TempDir
    Path dir;

    private static VolumeFingerprint fingerprint(VolumeLocation location) {
        try (VolumeReader r = Volumes.open(location)) {
            return VolumeFingerprint.of(location, r);
        }
    }

    private static void write(VolumeLocation location, Block data, WriteOptions options) {
        Volumes.write(location, data, Optional.empty(), options.withOverwrite(true));
    }

    /** Moves a file's time on, as a later write would (file systems may keep only whole seconds). */
    private static void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
    }

    @Test
    void aTiffFileIsIdentifiedByItsStampAndItsContent() throws IOException {
        VolumeLocation tif = VolumeLocation.of(dir.resolve("v.tif"));
        Box shape = Box.ofShape(3, 40, 50);
        write(tif, SyntheticVolumes.random(shape, DataType.UINT8, 1), WriteOptions.defaults());
        VolumeFingerprint first = fingerprint(tif);
        assertEquals(first, fingerprint(tif), "the same file gives the same fingerprint");

        touch(tif.path());
        VolumeFingerprint touched = fingerprint(tif);
        assertNotEquals(first.files(), touched.files());
        assertEquals(first.content(), touched.content());

        write(tif, SyntheticVolumes.random(shape, DataType.UINT8, 2), WriteOptions.defaults());
        assertNotEquals(first.content(), fingerprint(tif).content(), "other voxels of the same shape and type");
    }

    @Test
    void aSliceFolderIsIdentifiedByTheStampsOfAllItsSlices() throws IOException {
        VolumeLocation folder = VolumeLocation.of(dir.resolve("slices"));
        write(folder, SyntheticVolumes.random(Box.ofShape(40, 16, 16), DataType.UINT8, 3), WriteOptions.defaults());
        VolumeFingerprint first = fingerprint(folder);
        try (VolumeReader r = Volumes.open(folder)) {
            assertTrue(VolumeFingerprint.sampleBoxes(r.info()).stream().noneMatch(b -> b.z() == 1),
                    "slice 1 is not sampled");
        }
        List<Path> slices;
        try (var s = Files.list(folder.path())) {
            slices = s.sorted().toList();
        }
        touch(slices.get(1));
        VolumeFingerprint touched = fingerprint(folder);
        assertEquals(first.content(), touched.content());
        assertNotEquals(first.files(), touched.files(), "the stamps cover the slices the sample misses");
    }

    @Test
    void anHdf5DatasetIsIdentifiedByItsContainerAndContent() throws IOException {
        Path file = dir.resolve("v.h5");
        VolumeLocation ds = VolumeLocation.parse(file + ":/em");
        h5(file, 1);
        VolumeFingerprint first = fingerprint(ds);
        h5(file, 2);
        touch(file);
        VolumeFingerprint changed = fingerprint(ds);
        assertNotEquals(first.files(), changed.files());
        assertNotEquals(first.content(), changed.content());
    }

    private static void h5(Path file, int offset) {
        byte[][][] v = new byte[2][8][8];
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    v[z][y][x] = (byte) (z + y * x + offset);
                }
            }
        }
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("em", v);
        }
    }

    @Test
    void anOmeZarrIsIdentifiedByItsMetadataFilesAndSampledChunks() throws IOException {
        VolumeLocation zarr = VolumeLocation.of(dir.resolve("v.zarr"));
        Box shape = Box.ofShape(4, 64, 64);
        write(zarr, SyntheticVolumes.random(shape, DataType.UINT8, 4), WriteOptions.defaults()
                .withChunk(new int[] {2, 32, 32}));
        VolumeFingerprint first = fingerprint(zarr);

        // A chunk rewritten in place (as a re-upload does): the metadata files are untouched.
        ZarrArray level0 = ZarrArray.open(zarr.path().resolve("0"));
        Box chunk = level0.chunkBox(1, 1, 0);
        level0.writeChunk(SyntheticVolumes.random(chunk, DataType.UINT8, 5));
        VolumeFingerprint rewritten = fingerprint(zarr);
        assertEquals(first.files(), rewritten.files());
        assertNotEquals(first.content(), rewritten.content());

        touch(zarr.path().resolve("0").resolve(".zarray"));
        assertNotEquals(rewritten.files(), fingerprint(zarr).files(), "a level's metadata is stamped");
    }

    @Test
    void aTerabyteVolumeIsSampledInAFewSmallBlocks() {
        VolumeInfo huge = new VolumeInfo(20_000, 50_000, 50_000, DataType.UINT16, Optional.empty(),
                new int[] {1, 50_000, 50_000});
        List<Box> boxes = VolumeFingerprint.sampleBoxes(huge);
        assertEquals(VolumeFingerprint.SAMPLES, boxes.size());
        assertEquals(0, boxes.get(0).z());
        assertEquals(19_999, boxes.get(boxes.size() - 1).z(), "the last slice is sampled");
        for (Box b : boxes) {
            assertTrue(huge.bounds().contains(b), b.toString());
            assertTrue(b.voxels() * 2 <= VolumeFingerprint.SAMPLE_BYTES, b.toString());
        }
    }
}
