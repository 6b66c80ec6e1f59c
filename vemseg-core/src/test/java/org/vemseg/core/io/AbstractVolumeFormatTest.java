package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;
import static org.vemseg.core.testing.VolumeAsserts.writeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vemseg.core.VemsegException;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * The contract every writable format passes: exact round trips for each type it writes, uneven border
 * chunks, a 1-voxel volume, sub-box reads, voxel size, no overwrite without permission, and no output
 * left behind by an aborted write. Subclass once per format.
 */
public abstract class AbstractVolumeFormatTest {

    @TempDir
    protected Path dir;

    /** Output path for a volume of this format inside {@code folder}, e.g. {@code folder/v.tif}. */
    protected abstract Path outputPath(Path folder, String name);

    /** The voxel types this format writes. */
    protected abstract Set<DataType> writableTypes();

    /** Whether the format stores voxel size. */
    protected boolean storesVoxelSize() {
        return true;
    }

    /**
     * Writes {@code data} under each of {@code names} into one new container in {@code folder} and returns
     * the container, or empty if a file or folder of this format holds one volume only.
     */
    protected Optional<Path> writeContainer(Path folder, List<String> names, Block data) {
        return Optional.empty();
    }

    /** Options used for writing; override to test a compression. */
    protected WriteOptions options() {
        return WriteOptions.defaults();
    }

    /** Chunk the writer should use for the tests (small, so volumes have several uneven chunks). */
    protected int[] testChunk() {
        return new int[] {2, 16, 24};
    }

    static Stream<DataType> allTypes() {
        return Stream.of(DataType.values());
    }

    protected Path write(String name, Block data, Optional<VoxelSize> vs, WriteOptions opts) {
        Path p = outputPath(dir, name);
        VolumeInfo info = new VolumeInfo(data.box().depth(), data.box().height(), data.box().width(), data.type(), vs,
                testChunk());
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(p), info, opts)) {
            writeAll(w, data);
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("allTypes")
    void roundTripIsExactForEveryWritableType(DataType type) {
        assumeTrue(writableTypes().contains(type), () -> "this format does not write " + type);
        Block data = SyntheticVolumes.random(Box.ofShape(5, 37, 53), type, 42 + type.ordinal());
        Path p = write("rt_" + type, data, Optional.empty(), options());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals(5, r.info().depth());
            assertEquals(37, r.info().height());
            assertEquals(53, r.info().width());
            assertEquals(type, r.info().dataType());
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void unsupportedTypesAreRefusedBeforeWriting() {
        assumeFalse(writableTypes().containsAll(List.of(DataType.values())), "this format writes every type");
        for (DataType type : DataType.values()) {
            if (writableTypes().contains(type)) {
                continue;
            }
            Path p = outputPath(dir, "bad_" + type);
            VolumeInfo info = new VolumeInfo(2, 8, 8, type, Optional.empty(), new int[] {1, 8, 8});
            VemsegException e = assertThrows(VemsegException.class,
                    () -> Volumes.create(VolumeLocation.of(p), info, options()).close());
            assertTrue(e.getMessage().contains(type.toString()), e.getMessage());
            assertFalse(Files.exists(p), "no output for a refused type");
        }
    }

    @Test
    void subBoxReadMatchesTheSameRegionOfTheWholeVolume() {
        DataType type = writableTypes().contains(DataType.UINT16) ? DataType.UINT16 : DataType.UINT8;
        Block data = SyntheticVolumes.random(Box.ofShape(6, 40, 50), type, 7);
        Path p = write("sub", data, Optional.empty(), options());
        Box sub = new Box(1, 13, 17, 4, 20, 29);
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(data.crop(sub), r.read(sub));
            Box corner = new Box(5, 39, 49, 1, 1, 1);
            assertBlockEquals(data.crop(corner), r.read(corner));
        }
    }

    @Test
    void oneVoxelVolumeRoundTrips() {
        Block data = SyntheticVolumes.random(Box.ofShape(1, 1, 1), DataType.UINT8, 3);
        Path p = write("one", data, Optional.empty(), options());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void voxelSizeRoundTrips() {
        assumeTrue(storesVoxelSize(), "this format does not store the voxel size");
        Block data = SyntheticVolumes.ramp(Box.ofShape(3, 10, 12), DataType.UINT8);
        VoxelSize vs = new VoxelSize(50, 4, 4.5);
        Path p = write("vs", data, Optional.of(vs), options());
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            VoxelSize got = r.info().voxelSize().orElseThrow();
            assertEquals(50, got.z(), 1e-6);
            assertEquals(4, got.y(), 1e-6);
            assertEquals(4.5, got.x(), 1e-6);
        }
    }

    @Test
    void aWrittenVolumeListsItselfAsTheOnlyVolume() {
        Block data = SyntheticVolumes.random(Box.ofShape(2, 9, 11), DataType.UINT8, 5);
        Path p = write("listed", data, Optional.empty(), options());
        List<VolumeLocation> listed = Format.forReading(VolumeLocation.of(p)).format().list(p);
        assertEquals(List.of(VolumeLocation.of(p)), listed);
        try (VolumeReader r = Volumes.open(listed.get(0))) {
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void aContainerListsEachVolumeItHoldsByName() {
        Block data = SyntheticVolumes.random(Box.ofShape(2, 9, 11), DataType.UINT8, 6);
        Optional<Path> container = writeContainer(dir, List.of("raw", "labels"), data);
        assumeTrue(container.isPresent(), "a file or folder of this format holds one volume only");
        Path c = container.get();
        List<VolumeLocation> listed = Format.forReading(VolumeLocation.of(c)).format().list(c);
        assertEquals(List.of(new VolumeLocation(c, Optional.of("/labels")), new VolumeLocation(c, Optional.of("/raw"))),
                listed);
        for (VolumeLocation location : listed) {
            try (VolumeReader r = Volumes.open(location)) {
                assertBlockEquals(data, r.readAll());
            }
        }
    }

    @Test
    void existingOutputIsNotOverwrittenWithoutPermission() throws IOException {
        Block a = SyntheticVolumes.ramp(Box.ofShape(2, 8, 8), DataType.UINT8);
        Path p = write("exists", a, Optional.empty(), options());
        List<Path> before = listing(p);
        VolumeInfo info = new VolumeInfo(2, 8, 8, DataType.UINT8, Optional.empty(), testChunk());
        VemsegException e = assertThrows(VemsegException.class,
                () -> Volumes.create(VolumeLocation.of(p), info, options()).close());
        assertTrue(e.getMessage().contains("'overwrite'"), e.getMessage());
        assertEquals(before, listing(p));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(a, r.readAll());
        }
    }

    @Test
    void overwriteReplacesTheOutput() {
        Block a = SyntheticVolumes.ramp(Box.ofShape(2, 8, 8), DataType.UINT8);
        Block b = SyntheticVolumes.random(Box.ofShape(3, 9, 7), DataType.UINT8, 11);
        Path p = write("ow", a, Optional.empty(), options());
        assertEquals(p, write("ow", b, Optional.empty(), options().withOverwrite(true)));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(b, r.readAll());
        }
    }

    @Test
    void abortedWriteLeavesNoOutputAndNoTemporaryFiles() throws IOException {
        Path p = outputPath(dir, "aborted");
        Block data = SyntheticVolumes.ramp(Box.ofShape(4, 20, 20), DataType.UINT8);
        VolumeInfo info = new VolumeInfo(4, 20, 20, DataType.UINT8, Optional.empty(), testChunk());
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(p), info, options())) {
            w.write(data.crop(BlockGrid.of(w.info()).get(0)));
            // no commit: as if the process failed half-way
        }
        assertFalse(Files.exists(p), "an uncommitted write must leave no output");
        try (Stream<Path> s = Files.list(p.getParent())) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().contains("vemseg-tmp")).toList());
        }
    }

    private static List<Path> listing(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                return s.sorted().toList();
            }
        }
        return List.of(p);
    }
}
