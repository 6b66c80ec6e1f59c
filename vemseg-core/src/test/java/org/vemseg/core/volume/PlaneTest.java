package org.vemseg.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;

class PlaneTest {

    @Test
    void parsesListsInTheirOrder() {
        assertEquals(List.of(Plane.XY), Plane.parseList("xy"));
        assertEquals(List.of(Plane.XY, Plane.XZ, Plane.YZ), Plane.parseList("xy,xz,yz"));
        assertEquals(List.of(Plane.YZ, Plane.XY), Plane.parseList(" YZ, xy"));
        assertEquals("xz,yz", Plane.names(Plane.parseList("xz,yz")));
    }

    @Test
    void unknownAndRepeatedPlanesAreOneLineErrorsNamingTheSetting() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> Plane.parseList("xy,zx"));
        assertTrue(e.getMessage().startsWith("'planes': unknown plane 'zx'"), e.getMessage());
        assertTrue(e.getMessage().contains("valid: xy,xz,yz"), e.getMessage());
        e = assertThrows(VemsegException.InvalidInput.class, () -> Plane.parseList("xy,xz,xy"));
        assertTrue(e.getMessage().contains("plane xy is given twice"), e.getMessage());
        assertThrows(VemsegException.InvalidInput.class, () -> Plane.parseList(""));
        assertThrows(VemsegException.InvalidInput.class, () -> Plane.parseList("xy,"));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void eachPlaneIsAPermutationUndoneByItsInverse() {
        for (Plane p : Plane.values()) {
            int[] a = p.axes();
            int[] inv = p.inverseAxes();
            for (int d = 0; d < 3; d++) {
                assertEquals(d, inv[a[d]]);
            }
        }
        assertEquals(0, Plane.XZ.axes()[1], "xz slices are stacked along y, with z as rows");
        assertEquals(0, Plane.YZ.axes()[2], "yz slices are stacked along x, with z as columns");
    }

    @Test
    void nearIsotropicMeansZWithinOneAndAHalfTimesOfYAndX() {
        assertTrue(Plane.isNearIsotropic(new VoxelSize(5, 5, 5)));
        assertTrue(Plane.isNearIsotropic(new VoxelSize(7.5, 5, 5)));
        assertTrue(Plane.isNearIsotropic(new VoxelSize(4, 6, 6)));
        assertFalse(Plane.isNearIsotropic(new VoxelSize(7.6, 5, 5)));
        assertFalse(Plane.isNearIsotropic(new VoxelSize(30, 8, 8)));
        assertFalse(Plane.isNearIsotropic(new VoxelSize(5, 5, 8)));
    }
}
