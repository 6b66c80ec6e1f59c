package org.vemseg.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.mesh.MeshFormat;
import org.vemseg.core.metrics.MemoryVolume;
import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.Shapes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

class ObjectAnalysisTest {

    private static final AnalysisOptions NO_LABELS = AnalysisOptions.defaults().withLabelsFile(Optional.empty());

    /** A float probability map with four balls (two of them touching) and a 2-voxel speck. */
    private static MemoryVolume probabilities(Optional<VoxelSize> vs) {
        Mask m = Mask.empty(30, 40, 80);
        Shapes.ball(m, 15, 20, 12, 7);
        Shapes.ball(m, 15, 20, 40, 7);
        Shapes.ball(m, 15, 20, 52, 7); // touches the previous one
        m.set(2, 2, 2, true);
        m.set(2, 2, 3, true);
        Block b = Block.allocate(Box.ofShape(30, 40, 80), DataType.FLOAT32);
        float[] f = b.floats();
        for (int i = 0; i < f.length; i++) {
            f[i] = m.voxels()[i] != 0 ? 0.8f : 0.1f;
        }
        return new MemoryVolume(b, vs);
    }

    @Test
    void countsSplitsFiltersAndWritesTablesAndPlots(@TempDir Path dir) throws Exception {
        MemoryVolume in = probabilities(Optional.of(new VoxelSize(50, 50, 50)));
        AnalysisResult merged = ObjectAnalysis.run(in, "probs", dir.resolve("a"), NO_LABELS.withMinSize(10));
        assertEquals(2, merged.table().count());
        AnalysisResult split = ObjectAnalysis.run(in, "probs", dir.resolve("b"),
                NO_LABELS.withMinSize(10).withSplitTouching(true).withMesh(MeshFormat.STL, false, 5).withWindow(1));
        assertEquals(3, split.table().count());
        assertTrue(split.warnings().isEmpty(), split.warnings().toString());
        // the default 20 µm window is longer than this 4 µm volume: the flat profile is pointed out
        assertTrue(merged.warnings().stream().anyMatch(w -> w.contains("shorter {window}")),
                merged.warnings().toString());
        assertTrue(merged.summary().contains("give a shorter 'window'"), merged.summary());
        Path out = dir.resolve("b");
        List<String> csv = Files.readAllLines(out.resolve("objects.csv"));
        assertEquals(4, csv.size());
        List<String> profile = Files.readAllLines(out.resolve("density-profile.csv"));
        assertEquals(1 + 30 + 40 + 80, profile.size());
        assertTrue(profile.get(0).contains("per_mm3"));
        BufferedImage png = ImageIO.read(out.resolve("density-profile.png").toFile());
        assertNotNull(png);
        assertEquals(900, png.getWidth());
        assertNotNull(ImageIO.read(out.resolve("size-histogram.png").toFile()));
        byte[] stl = Files.readAllBytes(out.resolve("mesh.stl"));
        int triangles = ByteBuffer.wrap(stl, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertTrue(triangles > 100);
        assertEquals(84 + 50L * triangles, stl.length);
        // Density: 3 objects in 1.5 x 2 x 4 µm = 12 µm³ = 1.2e-8 mm³.
        assertEquals(3 / 12e-9, split.table().densityPerMm3(), 1e-6 * split.table().densityPerMm3());
    }

    /**
     * Holes are filled before objects are measured, in both the streamed and the in-memory (splitting) path: a
     * ball with a 3-voxel-wide cavity through its middle slices measures as the full ball.
     */
    @Test
    void holesAreFilledBeforeObjectsAreMeasured(@TempDir Path dir) throws Exception {
        Mask full = Mask.empty(20, 20, 20);
        Shapes.ball(full, 10, 10, 10, 7);
        Mask hollow = new Mask(20, 20, 20, full.voxels().clone());
        for (int z = 8; z <= 12; z++) {
            for (int y = 9; y <= 11; y++) {
                for (int x = 9; x <= 11; x++) {
                    hollow.set(z, y, x, false);
                }
            }
        }
        MemoryVolume in = new MemoryVolume(hollow.toBlock(), Optional.empty());
        long ball = full.count();
        assertEquals(ball - 45, ObjectAnalysis.run(in, "m", dir.resolve("a"), NO_LABELS).table().objects().get(0)
                .voxels());
        for (HoleFilling mode : new HoleFilling[] {HoleFilling.SLICE, HoleFilling.VOLUME}) {
            AnalysisOptions o = NO_LABELS.withFillHoles(mode);
            assertEquals(ball, ObjectAnalysis.run(in, "m", dir.resolve("b" + mode), o).table().objects().get(0)
                    .voxels());
            assertEquals(ball, ObjectAnalysis.run(in, "m", dir.resolve("c" + mode), o.withSplitTouching(true)).table()
                    .objects().get(0).voxels());
        }
        String summary = Files.readString(dir.resolve("b2d").resolve("summary.json"));
        assertTrue(summary.contains("\"fill_holes\": \"2d\""), summary);
    }

    @Test
    void missingVoxelSizeFallsBackToVoxelsWithAWarning(@TempDir Path dir) {
        AnalysisResult r = ObjectAnalysis.run(probabilities(Optional.empty()), "probs", dir, NO_LABELS);
        assertEquals(3, r.table().count());
        assertEquals("voxel", r.table().lengthUnit());
        assertTrue(r.warnings().get(0).contains("no voxel size"), r.warnings().toString());
    }

    @Test
    void emptyMaskReportsZeroObjects(@TempDir Path dir) throws Exception {
        Block b = Block.allocate(Box.ofShape(5, 6, 7), DataType.UINT8);
        AnalysisResult r = ObjectAnalysis.run(new MemoryVolume(b, Optional.of(new VoxelSize(10, 10, 10))), "empty",
                dir, NO_LABELS.withMesh(MeshFormat.PLY, true, 0));
        assertEquals(0, r.table().count());
        assertEquals(0.0, r.table().densityPerMm3());
        assertTrue(r.summary().contains("objects          0"));
        assertEquals(1, Files.readAllLines(dir.resolve("objects.csv")).size());
        assertNotNull(ImageIO.read(dir.resolve("size-histogram.png").toFile()));
    }

    @Test
    void existingOutputsAreNotOverwritten(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("objects.csv"), "keep");
        assertThrows(VemsegException.InvalidInput.class,
                () -> ObjectAnalysis.run(probabilities(Optional.empty()), "p", dir, NO_LABELS));
        assertEquals("keep", Files.readString(dir.resolve("objects.csv")));
    }

    @Test
    void densityProfileUsesClippedWindows() {
        Mask m = Mask.empty(1, 1, 100);
        m.set(0, 0, 10, true);
        m.set(0, 0, 50, true);
        var table = org.vemseg.core.objects.ObjectMeasurements.measure(
                org.vemseg.core.objects.ConnectedComponents.label(m, org.vemseg.core.objects.Connectivity.SIX),
                Optional.empty());
        DensityProfile p = DensityProfile.of(table, 2, 20);
        assertEquals(1, p.count()[0]);     // window [-0.5, 10]: object at 10
        assertEquals(1, p.count()[20]);    // [10, 30]
        assertEquals(0, p.count()[31]);    // [21, 41]
        assertEquals(1, p.count()[60]);    // [50, 70]
        assertEquals(1e6 / 10.5, p.density()[0], 1e-9); // clipped window of 10.5 voxels x 1 x 1
    }
}
