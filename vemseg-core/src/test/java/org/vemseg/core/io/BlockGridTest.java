package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vemseg.core.volume.Box;

class BlockGridTest {

    @Test
    void borderBlocksAreTruncatedAndOrderIsZyx() {
        BlockGrid g = new BlockGrid(new Box(10, 0, 0, 5, 7, 3), new int[] {2, 4, 3});
        assertEquals(3 * 2 * 1, g.size());
        assertEquals(new Box(10, 0, 0, 2, 4, 3), g.get(0));
        assertEquals(new Box(10, 4, 0, 2, 3, 3), g.get(1));
        assertEquals(new Box(14, 4, 0, 1, 3, 3), g.get(5));
        long covered = 0;
        for (Box b : g) {
            covered += b.voxels();
        }
        assertEquals(5 * 7 * 3, covered);
    }

    @Test
    void exactMultipleHasNoPartialBlocks() {
        List<Box> boxes = new BlockGrid(Box.ofShape(4, 4, 4), new int[] {2, 2, 2});
        assertEquals(8, boxes.size());
        boxes.forEach(b -> assertEquals(8, b.voxels()));
    }

    @Test
    void indexAtFindsEveryBlockByItsCornerAndNothingOffTheGrid() {
        BlockGrid g = new BlockGrid(new Box(10, 0, 0, 5, 7, 3), new int[] {2, 4, 3});
        for (int i = 0; i < g.size(); i++) {
            assertEquals(i, g.indexAt(g.get(i)));
        }
        assertEquals(-1, g.indexAt(new Box(11, 0, 0, 2, 4, 3)), "not on a block corner");
        assertEquals(-1, g.indexAt(new Box(16, 0, 0, 2, 4, 3)), "past the end");
        assertEquals(-1, g.indexAt(new Box(8, 0, 0, 2, 4, 3)), "before the start");
    }
}
