package org.vemseg.core.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TouchingObjectSplitterTest {

    @Test
    void twoTouchingBallsAreSplitInTwo() {
        Mask m = Mask.empty(30, 30, 50);
        double[] s = {1, 1, 1};
        Shapes.ball(m, 15, 15, 15, 9);
        Shapes.ball(m, 15, 15, 31, 9); // centres 16 apart, radius 9: a neck of overlap
        LabelVolume cc = ConnectedComponents.label(m, Connectivity.SIX);
        assertEquals(1, cc.count());
        LabelVolume split = TouchingObjectSplitter.split(m, cc, s, 1, 0);
        assertEquals(2, split.count());
        assertNotEquals(split.get(15, 15, 15), split.get(15, 15, 31));
        long[] sizes = split.sizes();
        assertEquals(sizes[1], sizes[2], 0.05 * sizes[1], "the two halves are about equal");
        assertEquals(m.count(), sizes[1] + sizes[2], "every mask voxel keeps a label");
    }

    @Test
    void aSingleBallStaysOneObjectAndAnisotropyIsRespected() {
        Mask m = Mask.empty(20, 60, 60);
        double[] s = {3, 1, 1};
        Shapes.ball(m, 10, 30, 30, 20, s);
        LabelVolume cc = ConnectedComponents.label(m, Connectivity.SIX);
        assertEquals(1, TouchingObjectSplitter.split(m, cc, s, 1, 0).count());
    }

    @Test
    void hDecidesWhetherANeckSplits() {
        Mask m = Mask.empty(30, 30, 50);
        Shapes.ball(m, 15, 15, 15, 9);
        Shapes.ball(m, 15, 15, 31, 9); // neck radius about sqrt(81 - 64) = 4.1: maxima rise about 5 above it
        LabelVolume cc = ConnectedComponents.label(m, Connectivity.SIX);
        double[] s = {1, 1, 1};
        assertEquals(2, TouchingObjectSplitter.split(m, cc, s, 3, 0).count());
        assertEquals(1, TouchingObjectSplitter.split(m, cc, s, 7, 0).count());
        assertEquals(1, TouchingObjectSplitter.split(m, cc, s, 1, 20).count(), "centres 16 apart, min distance 20");
    }

    @Test
    void manyBallsOfDifferentSizesEachGetOneSeed() {
        Mask m = Mask.empty(40, 60, 60);
        double[] s = {2, 1, 1};
        Shapes.ball(m, 10, 15, 15, 10, s);
        Shapes.ball(m, 10, 15, 31, 8, s);   // touches the first
        Shapes.ball(m, 28, 40, 40, 14, s);
        Shapes.ball(m, 30, 15, 50, 5, s);
        LabelVolume cc = ConnectedComponents.label(m, Connectivity.SIX);
        assertEquals(3, cc.count());
        assertEquals(4, TouchingObjectSplitter.split(m, cc, s, 1, 0).count());
    }

    @Test
    void separateObjectsKeepTheirOwnSeeds() {
        Mask m = Mask.empty(10, 10, 30);
        Shapes.ball(m, 5, 5, 5, 3);
        Shapes.ball(m, 5, 5, 14, 2);
        m.set(5, 5, 25, true);
        LabelVolume cc = ConnectedComponents.label(m, Connectivity.SIX);
        assertEquals(3, TouchingObjectSplitter.split(m, cc, new double[] {1, 1, 1}, 1, 10).count());
    }
}
