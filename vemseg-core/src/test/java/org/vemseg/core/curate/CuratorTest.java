package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

class CuratorTest {

    private static final int S = TestPatches.SIZE;
    private static final int SIDE = 240;

    @TempDir
    Path tmp;

    /**
     * Six 240 x 240 slices: A, an exact copy of A, A shifted by 2 px, a noisier A, a distinct B, and
     * blank resin. One 224 px patch per slice: 6 cut, 1 low score, 3 duplicates of A, 2 kept.
     */
    private Path stackWithDuplicates() {
        Block slice = TestPatches.syntheticSlice(5);
        byte[] a = TestPatches.crop(slice, 100, 100, SIDE);
        byte[][] slices = {a, a.clone(), TestPatches.crop(slice, 102, 98, SIDE), TestPatches.noisy(a, 6, 3),
            TestPatches.crop(slice, 460, 460, SIDE), TestPatches.flat(130, 6, SIDE, 4)};
        Block vol = Block.allocate(Box.ofShape(slices.length, SIDE, SIDE), DataType.UINT8);
        for (int z = 0; z < slices.length; z++) {
            System.arraycopy(slices[z], 0, vol.bytes(), z * SIDE * SIDE, SIDE * SIDE);
        }
        Path dir = tmp.resolve("stack");
        Volumes.write(VolumeLocation.of(dir), vol, Optional.empty(), WriteOptions.defaults());
        return dir;
    }

    @Test
    void duplicatedSlicesAndBlankResinAreDroppedWithReasons() throws IOException {
        Path in = stackWithDuplicates();
        Path out = tmp.resolve("curated");
        CurationSummary s = new Curator(CurationOptions.defaults(List.of(in), out), Progress.NONE).run();

        List<String> rows = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals(3, s.duplicates(), String.join("\n", rows));
        assertEquals(6, s.cropped());
        assertEquals(1, s.lowScore());
        assertEquals(5, s.afterFilter());
        assertEquals(2, s.kept());
        assertEquals(6, s.sources().size());

        assertEquals(ManifestWriter.HEADER, rows.get(0));
        assertEquals(7, rows.size());
        String[] first = rows.get(1).split(",");
        assertEquals("0", first[0]);
        assertEquals("xy", first[2]);
        assertEquals("true", first[8]);
        assertEquals("patches/0000/00000000.png", first[10]);
        assertTrue(rows.get(2).contains(",false,duplicate-of 0:0,"), rows.get(2));
        assertTrue(rows.get(3).contains(",false,duplicate-of 0:"), rows.get(3));
        assertTrue(rows.get(4).contains(",false,duplicate-of 0:"), rows.get(4));
        assertTrue(rows.get(5).endsWith(",true,,patches/0000/00000004.png"), rows.get(5));
        assertTrue(rows.get(6).contains(",false,low-score,"), rows.get(6));
        // position of the single patch: slice 0, row and column 8 (margin 8, 240 - 224 = 16)
        assertEquals(List.of("0", "8", "8"), List.of(first[3], first[4], first[5]));

        try (Stream<Path> files = Files.walk(out.resolve("patches"))) {
            assertEquals(2, files.filter(Files::isRegularFile).count());
        }
        var png = ImageIO.read(out.resolve("patches/0000/00000004.png").toFile());
        assertEquals(S, png.getWidth());
        assertEquals(S, png.getHeight());
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"afterDedup\": 2"), json);
        assertTrue(json.contains("\"afterFilter\": 5"), json);
        assertNotNull(ImageIO.read(out.resolve("contact_kept.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("contact_dropped.png").toFile()));
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() {
        Path in = stackWithDuplicates();
        Path out = tmp.resolve("curated");
        new Curator(CurationOptions.defaults(List.of(in), out), Progress.NONE).run();
        assertThrows(VemsegException.InvalidInput.class,
                () -> new Curator(CurationOptions.defaults(List.of(in), out), Progress.NONE).run());
        CurationSummary again = new Curator(CurationOptions.defaults(List.of(in), out).withOverwrite(true)
                .withThresholds(0, 0), Progress.NONE).run();
        assertEquals(6 - 1, again.kept(), "only the exact copy is a duplicate at distance 0");
    }

    @Test
    void maxPatchesStopsEarly() {
        Path in = stackWithDuplicates();
        CurationSummary s = new Curator(CurationOptions.defaults(List.of(in), tmp.resolve("o")).withMaxPatches(1),
                Progress.NONE).run();
        assertEquals(1, s.kept());
        assertTrue(s.stoppedEarly());
        assertEquals(1, s.cropped());
    }

    @Test
    void imagesSmallerThanAPatchAreSkippedAndCounted() {
        Path dir = tmp.resolve("small");
        Block tiny = TestPatches.syntheticSlice(2).crop(new Box(0, 0, 0, 1, 100, 300)).moveTo(0, 0, 0);
        Volumes.write(VolumeLocation.of(dir), tiny, Optional.empty(), WriteOptions.defaults());
        Path in2 = stackWithDuplicates();
        CurationSummary s = new Curator(CurationOptions.defaults(List.of(dir, in2), tmp.resolve("o")), Progress.NONE)
                .run();
        assertEquals(1, s.tooSmall());
        assertEquals(6, s.cropped());
        assertThrows(VemsegException.InvalidInput.class,
                () -> new Curator(CurationOptions.defaults(List.of(dir), tmp.resolve("o2")), Progress.NONE).run());
    }

    /**
     * A 16-bit MRC volume with isotropic 8 nm voxels: --planes all cuts xy, xz and yz patches; with 30 nm
     * sections it stays with xy and says why.
     */
    @Test
    void allPlanesOnlyForNearIsotropicVoxels() throws IOException {
        Block img = new SyntheticEm(Box.ofShape(48, 48, 48), new VoxelSize(8, 8, 8), 9).generate().image();
        Path iso = writeMrc16(tmp.resolve("iso.mrc"), img, 80, 80, 80);
        Path aniso = writeMrc16(tmp.resolve("aniso.mrc"), img, 300, 80, 80);
        CurationOptions base = CurationOptions.defaults(List.of(iso), tmp.resolve("o1")).withSize(32, 32)
                .withMargin(0).withAllPlanes(true).withThresholds(12, 0);
        CurationSummary s = new Curator(base, Progress.NONE).run();
        assertEquals(3 * 48, s.cropped());
        assertTrue(s.kept() < s.cropped(), "neighbouring planes 8 nm apart look alike: " + s.kept());
        assertTrue(s.sources().get(0).planes().contains("yz"), s.sources().get(0).toString());
        List<String> rows = Files.readAllLines(tmp.resolve("o1/manifest.csv"));
        assertEquals(48, rows.stream().filter(r -> r.contains(",yz,")).count());
        // the one 32 px patch per plane is centred: 8 px from each border of 48
        assertTrue(rows.stream().anyMatch(r -> r.contains(",xz,8,47,8,")), "last xz plane at y = 47");

        CurationOptions anisotropic = new CurationOptions(List.of(aniso), tmp.resolve("o2"), 32, true, 32, 0, 12, 0,
                0, List.of(), true, false, 1 << 20);
        CurationSummary a = new Curator(anisotropic, Progress.NONE).run();
        assertEquals(48, a.cropped());
        assertTrue(a.sources().get(0).note().contains("anisotropic"), a.sources().get(0).note());
    }

    /** A minimal MRC2014 file: mode 1 (int16), voxel spacing in Å along x, y, z, values x 100. */
    private static Path writeMrc16(Path file, Block img, float sz, float sy, float sx) throws IOException {
        Box b = img.box();
        int nx = (int) b.width();
        int ny = (int) b.height();
        int nz = (int) b.depth();
        ByteBuffer buf = ByteBuffer.allocate(1024 + 2 * img.size()).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, 1);
        buf.putInt(28, nx).putInt(32, ny).putInt(36, nz);
        buf.putFloat(40, sx * nx).putFloat(44, sy * ny).putFloat(48, sz * nz);
        buf.putFloat(52, 90).putFloat(56, 90).putFloat(60, 90);
        buf.putInt(64, 1).putInt(68, 2).putInt(72, 3);
        buf.putInt(108, 20140);
        buf.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
        buf.put(212, (byte) 0x44).put(213, (byte) 0x44);
        buf.position(1024);
        for (int i = 0; i < img.size(); i++) {
            buf.putShort((short) (img.get(i) * 100 - 5000));
        }
        return Files.write(file, buf.array());
    }
}
