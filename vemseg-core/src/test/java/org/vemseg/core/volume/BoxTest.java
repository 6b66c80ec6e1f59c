package org.vemseg.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;

class BoxTest {

    private final Box volume = Box.ofShape(30, 512, 400);

    @Test
    void cropParsesPythonStyleRanges() {
        assertEquals(new Box(2, 10, 0, 3, 90, 400), Box.parseCrop("2:5,10:100,:", volume));
        assertEquals(new Box(0, 0, 300, 30, 512, 100), Box.parseCrop(",,-100:", volume));
        assertEquals(new Box(25, 0, 0, 5, 512, 400), Box.parseCrop("25:,:,:", volume));
    }

    @Test
    void cropOutsideTheVolumeNamesTheAxisAndShape() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> Box.parseCrop("0:31,:,:", volume));
        assertTrue(e.getMessage().contains("30 x 512 x 400"), e.getMessage());
        assertTrue(e.getMessage().contains("axis z"), e.getMessage());
        assertThrows(VemsegException.InvalidInput.class, () -> Box.parseCrop("5:5,:,:", volume));
        assertThrows(VemsegException.InvalidInput.class, () -> Box.parseCrop("0:5,:", volume));
        assertThrows(VemsegException.InvalidInput.class, () -> Box.parseCrop("a:b,:,:", volume));
    }

    @Test
    void intersectionAndContainment() {
        Box a = new Box(0, 0, 0, 10, 10, 10);
        Box b = new Box(5, 8, -2, 10, 10, 4);
        assertEquals(new Box(5, 8, 0, 5, 2, 2), a.intersect(b));
        assertTrue(a.intersect(new Box(20, 0, 0, 1, 1, 1)).isEmpty());
        assertTrue(a.contains(new Box(9, 9, 9, 1, 1, 1)));
        assertFalse(a.contains(new Box(9, 9, 9, 2, 1, 1)));
        assertEquals(new Box(-1, -2, -3, 12, 14, 16), a.grow(1, 2, 3));
        assertEquals(1000, a.voxels());
    }
}
