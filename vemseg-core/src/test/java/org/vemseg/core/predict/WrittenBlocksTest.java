package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.volume.Box;

class WrittenBlocksTest {

    private final BlockGrid grid = new BlockGrid(Box.ofShape(5, 7, 9), new int[] {2, 4, 4});

    @Test
    void aScanAsksOncePerBlockAndAnswersLaterQuestionsFromItsBits() {
        List<Box> asked = new ArrayList<>();
        WrittenBlocks w = WrittenBlocks.scan(grid, b -> {
            asked.add(b);
            return b.z() == 4 || b.x() == 8;
        });
        assertEquals(grid, asked, "each block asked once, in grid order");
        long expectedVoxels = 0;
        int expectedBlocks = 0;
        for (Box b : grid) {
            boolean written = b.z() == 4 || b.x() == 8;
            assertEquals(written, w.test(b), b.toString());
            if (written) {
                expectedBlocks++;
                expectedVoxels += b.voxels();
            }
        }
        assertEquals(expectedBlocks, w.blocks());
        assertEquals(expectedVoxels, w.voxels());
        assertEquals(grid.size(), asked.size(), "no further questions");
    }

    @Test
    void aBoxThatIsNotAGridBlockIsNotWritten() {
        WrittenBlocks all = WrittenBlocks.scan(grid, b -> true);
        assertTrue(all.test(grid.get(0)));
        assertFalse(all.test(new Box(0, 0, 0, 1, 4, 4)), "same corner, other shape");
        assertFalse(all.test(new Box(1, 0, 0, 2, 4, 4)), "off the grid");
        assertEquals(0, WrittenBlocks.none(grid).blocks());
    }
}
