package org.vemseg.core.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;
import static org.vemseg.core.testing.VolumeAsserts.writeAll;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.AbstractVolumeFormatTest;
import org.vemseg.core.io.BlockGrid;
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

/** The writable-format contract for OME-Zarr with the default compression (blosc-zstd). */
class ZarrFormatTest extends AbstractVolumeFormatTest {

    @Override
    protected Path outputPath(Path folder, String name) {
        return folder.resolve(name + ".ome.zarr");
    }

    @Override
    protected Set<DataType> writableTypes() {
        return EnumSet.allOf(DataType.class);
    }

    /** The contract's small chunk, so volumes have several uneven chunks. */
    @Override
    protected WriteOptions options() {
        return WriteOptions.defaults().withChunk(testChunk());
    }

    /** A plain Zarr group holding one OME-Zarr image per name. */
    @Override
    protected Optional<Path> writeContainer(Path folder, List<String> names, Block data) {
        Path group = folder.resolve("group.zarr");
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve(ZarrFormat.ZGROUP), "{\"zarr_format\": 2}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VolumeInfo info = new VolumeInfo(data.box().depth(), data.box().height(), data.box().width(), data.type(),
                Optional.empty(), testChunk());
        for (String name : names) {
            VolumeLocation image = VolumeLocation.of(group.resolve(name));
            try (VolumeWriter w = Format.ZARR.format().create(image, info, options())) {
                writeAll(w, data);
            }
        }
        return Optional.of(group);
    }

    /** The codec this variant's options write, as named in {@code .zarray}. */
    protected String expectedCodec() {
        return "blosc-zstd";
    }

    @Test
    void writesAnOmeZarrGroupWithTheChosenCompression() {
        Block data = SyntheticVolumes.ramp(Box.ofShape(3, 20, 30), DataType.UINT16);
        Path p = write("meta", data, Optional.of(new VoxelSize(40, 5, 5)), options());
        assertTrue(Files.isRegularFile(p.resolve(".zgroup")));
        assertTrue(Files.isRegularFile(p.resolve(".zattrs")));
        ZarrArray level0 = ZarrArray.open(p.resolve("0"));
        assertEquals(expectedCodec(), level0.metadata().codec().describe());
        assertEquals("/", level0.metadata().separator());
        JsonObject zarray = ZarrJson.read(p.resolve("0/.zarray"));
        assertEquals("<u2", zarray.get("dtype").getAsString());
        assertEquals(Format.ZARR, Format.forReading(VolumeLocation.of(p)));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertEquals("OME-Zarr 0.4 (" + expectedCodec() + ", level 0 of 1)", r.describeFormat());
            assertEquals(new VoxelSize(40, 5, 5), r.info().voxelSize().orElseThrow());
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void blocksMayArriveConcurrentlyAndOutOfOrder() throws Exception {
        Block data = SyntheticVolumes.random(Box.ofShape(6, 50, 70), DataType.FLOAT32, 9);
        Path p = outputPath(dir, "concurrent");
        VolumeInfo info = new VolumeInfo(6, 50, 70, DataType.FLOAT32, Optional.empty(), testChunk());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(p), info, options())) {
            assertTrue(!w.isSequential());
            List<Box> boxes = new java.util.ArrayList<>(BlockGrid.of(w.info()));
            java.util.Collections.reverse(boxes);
            List<Future<?>> done = new java.util.ArrayList<>();
            for (Box b : boxes) {
                done.add(pool.submit(() -> w.write(data.crop(b))));
            }
            for (Future<?> f : done) {
                f.get();
            }
            w.commit();
        } finally {
            pool.shutdown();
        }
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void defaultChunkIsClippedToTheShape() {
        Block data = SyntheticVolumes.ramp(Box.ofShape(5, 300, 40), DataType.UINT8);
        Path p = outputPath(dir, "defaultchunk");
        VolumeInfo info = new VolumeInfo(5, 300, 40, DataType.UINT8, Optional.empty(), new int[] {1, 300, 40});
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(p), info, WriteOptions.defaults())) {
            assertEquals(List.of(5, 256, 40), List.of(w.info().chunk()[0], w.info().chunk()[1], w.info().chunk()[2]));
            writeAll(w, data);
        }
        try (VolumeReader r = Volumes.open(VolumeLocation.of(p))) {
            assertBlockEquals(data, r.readAll());
        }
    }

    /** Writes with another compression. */
    static WriteOptions with(Compression c) {
        return WriteOptions.defaults().withCompression(c);
    }
}
