package org.vemseg.core.io.slices;

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
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.SliceFormat;
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

class SliceFolderWriterTest {

    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOneNumberedPngPerSliceThatOtherReadersOpen() throws IOException {
        Block data = SyntheticVolumes.ramp(Box.ofShape(3, 10, 12), DataType.UINT8);
        Path out = dir.resolve("slices");
        VolumeInfo info = Volumes.write(VolumeLocation.of(out), data, Optional.empty(), WriteOptions.defaults());
        assertEquals(List.of(1, 10, 12), List.of(info.chunk()[0], info.chunk()[1], info.chunk()[2]));
        assertEquals(List.of("slice_00000.png", "slice_00001.png", "slice_00002.png"), names(out));
        var image = ImageIO.read(out.resolve("slice_00002.png").toFile());
        assertEquals(12, image.getWidth());
        assertEquals(data.get(data.index(2, 5, 7)), image.getRaster().getSample(7, 5, 0));
    }

    @Test
    void namesGetMoreDigitsWhenTheVolumeNeedsThem() {
        VolumeInfo info = VolumeInfo.ofSlices(123_456, 1, 1, DataType.UINT8, Optional.empty());
        try (VolumeWriter w = new SliceFolderFormat().create(VolumeLocation.of(dir.resolve("many")), info,
                WriteOptions.defaults())) {
            SliceFolderWriter sw = (SliceFolderWriter) w;
            assertEquals("slice_000007.png", sw.fileName(7));
            assertEquals("slice_123455.png", sw.fileName(123_455));
        }
        assertFalse(Files.exists(dir.resolve("many")));
    }

    @Test
    void slicesMayBeWrittenConcurrentlyInAnyOrder() {
        Block data = SyntheticVolumes.random(Box.ofShape(12, 30, 20), DataType.UINT16, 9);
        Path out = dir.resolve("parallel");
        VolumeInfo info = VolumeInfo.ofSlices(12, 30, 20, DataType.UINT16, Optional.empty());
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(out), info, WriteOptions.defaults())) {
            assertFalse(w.isSequential());
            List<Box> boxes = BlockGrid.of(w.info());
            IntStream.range(0, boxes.size()).parallel().map(i -> boxes.size() - 1 - i)
                    .forEach(i -> w.write(data.crop(boxes.get(i))));
            w.commit();
        }
        try (VolumeReader r = Volumes.open(VolumeLocation.of(out))) {
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void commitRefusesAVolumeWithMissingSlices() {
        Block data = SyntheticVolumes.ramp(Box.ofShape(3, 4, 4), DataType.UINT8);
        Path out = dir.resolve("holes");
        VolumeInfo info = VolumeInfo.ofSlices(3, 4, 4, DataType.UINT8, Optional.empty());
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(out), info, WriteOptions.defaults())) {
            w.write(data.crop(new Box(0, 0, 0, 1, 4, 4)));
            w.write(data.crop(new Box(2, 0, 0, 1, 4, 4)));
            IllegalStateException e = assertThrows(IllegalStateException.class, w::commit);
            assertTrue(e.getMessage().contains("slice 1"), e.getMessage());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void floatVolumesDefaultToTiffSlices() throws IOException {
        Block data = SyntheticVolumes.random(Box.ofShape(2, 5, 6), DataType.FLOAT32, 4);
        Path out = dir.resolve("probabilities");
        Volumes.write(VolumeLocation.of(out), data, Optional.empty(), WriteOptions.defaults());
        assertEquals(List.of("slice_00000.tif", "slice_00001.tif"), names(out));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(out))) {
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void pngRefusesFloatBeforeWritingAndSaysWhatToDo() {
        Path out = dir.resolve("nope");
        VolumeInfo info = VolumeInfo.ofSlices(2, 5, 6, DataType.FLOAT32, Optional.empty());
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> Volumes.create(
                VolumeLocation.of(out), info, WriteOptions.defaults().withSliceFormat(SliceFormat.PNG)).close());
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("'dtype' uint8 'rescale'")
                && e.getMessage().contains("tif"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void unsupportedCompressionIsRefusedBeforeWriting() {
        Path out = dir.resolve("blosc");
        VolumeInfo info = VolumeInfo.ofSlices(2, 5, 6, DataType.UINT8, Optional.empty());
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> Volumes.create(
                VolumeLocation.of(out), info, WriteOptions.defaults().withCompression(Compression.BLOSC_ZSTD)).close());
        assertTrue(e.getMessage().contains("blosc-zstd"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void tiffSlicesRoundTripWithEveryTiffCompression() {
        Block data = SyntheticVolumes.random(Box.ofShape(2, 9, 11), DataType.UINT16, 6);
        for (Compression c : new Compression[] {Compression.NONE, Compression.DEFLATE, Compression.PACKBITS}) {
            Path out = dir.resolve("tif-" + c);
            Volumes.write(VolumeLocation.of(out), data, Optional.empty(),
                    WriteOptions.defaults().withSliceFormat(SliceFormat.TIFF).withCompression(c));
            try (VolumeReader r = Volumes.open(VolumeLocation.of(out))) {
                assertBlockEquals(data, r.readAll());
            }
        }
    }

    @Test
    void uncompressedPngRoundTrips() {
        Block data = SyntheticVolumes.random(Box.ofShape(2, 9, 11), DataType.UINT8, 8);
        Path out = dir.resolve("png-none");
        Volumes.write(VolumeLocation.of(out), data, Optional.empty(),
                WriteOptions.defaults().withCompression(Compression.NONE));
        try (VolumeReader r = Volumes.open(VolumeLocation.of(out))) {
            assertBlockEquals(data, r.readAll());
        }
    }
}
