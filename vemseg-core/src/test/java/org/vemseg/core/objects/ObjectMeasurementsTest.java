package org.vemseg.core.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.volume.VoxelSize;

class ObjectMeasurementsTest {

    /** Five balls of radius 0.4 µm in an anisotropic volume (40 nm z, 20 nm y, x). */
    @Test
    void ballsOfKnownRadiusHaveTheRightCountVolumeAndSphericity(@TempDir Path dir) throws Exception {
        double[] nm = {40, 20, 20};
        Mask m = Mask.empty(60, 120, 200);
        double r = 400;
        double[][] centres = {{15, 30, 30}, {15, 30, 100}, {40, 80, 60}, {40, 60, 160}, {25, 95, 120}};
        for (double[] c : centres) {
            Shapes.ball(m, c[0], c[1], c[2], r, nm);
        }
        LabelVolume labels = ConnectedComponents.label(m, Connectivity.SIX);
        ObjectTable t = ObjectMeasurements.measure(labels, Optional.of(new VoxelSize(40, 20, 20)));
        assertEquals(5, t.count());
        double volumeUm3 = 4.0 / 3 * Math.PI * Math.pow(0.4, 3);
        for (ObjectMeasurement o : t.objects()) {
            assertEquals(volumeUm3, o.volume(), 0.03 * volumeUm3, "object " + o.id());
            assertEquals(0.8, o.equivalentDiameter(), 0.01 * 0.8);
            assertEquals(1.0, o.sphericity(), 0.05, "object " + o.id());
            assertEquals(4 * Math.PI * 0.16, o.surfaceArea(), 0.05 * 4 * Math.PI * 0.16);
        }
        ObjectMeasurement first = t.objects().get(0);
        assertEquals(15, first.centroidZ(), 1e-9);
        assertEquals(30, first.centroidY(), 1e-9);
        assertEquals(30, first.centroidX(), 1e-9);
        assertEquals(15 - 10, first.minZ());
        assertEquals(15 + 10 + 1, first.maxZ());
        assertTrue(t.physical());
        assertEquals(5 / (60 * 0.04 * 120 * 0.02 * 200 * 0.02 * 1e-9), t.densityPerMm3(), 1e-6 * t.densityPerMm3());

        Path csv = dir.resolve("objects.csv");
        t.writeCsv(csv, false);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).contains("volume_um3"));
        assertTrue(lines.get(1).startsWith("1,"));
    }

    @Test
    void withoutVoxelSizeLengthsAreInVoxels() {
        Mask m = Mask.empty(3, 3, 3);
        m.set(1, 1, 1, true);
        ObjectTable t = ObjectMeasurements.measure(ConnectedComponents.label(m, Connectivity.SIX), Optional.empty());
        assertFalse(t.physical());
        assertEquals("voxel", t.lengthUnit());
        assertEquals(1.0, t.objects().get(0).volume());
        assertTrue(Double.isNaN(t.densityPerMm3()));
    }

    @Test
    void emptyMaskGivesAnEmptyTable() {
        Mask m = Mask.empty(4, 4, 4);
        ObjectTable t = ObjectMeasurements.measure(ConnectedComponents.label(m, Connectivity.SIX), Optional.empty());
        assertEquals(0, t.count());
        assertEquals(0.0, t.volumeFraction());
    }

    @Test
    void minSizeDropsSmallObjectsAndRenumbers() {
        Mask m = Mask.empty(5, 5, 5);
        m.set(0, 0, 0, true);
        Shapes.ball(m, 3, 3, 3, 1.2);
        LabelVolume l = ConnectedComponents.label(m, Connectivity.SIX).withMinSize(2);
        assertEquals(1, l.count());
        assertEquals(0, l.get(0, 0, 0));
        assertEquals(1, l.get(3, 3, 3));
    }
}
