package org.vemseg.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    /** The figures of bench/halo/rf.py, which walks the same layers in Python. */
    @Test
    void fieldsFollowTheLayers() {
        assertEquals(497, Architecture.RESUNET.receptiveField());
        assertEquals(489, Architecture.RESUNET50.receptiveField());
        assertEquals(451, Architecture.DEEPEM3D.receptiveField());
    }

    @Test
    void theDefaultHaloCoversTheHalfWidthOnTheStrideGrid() {
        assertEquals(256, Architecture.RESUNET.defaultHalo());
        assertEquals(256, Architecture.RESUNET50.defaultHalo());
        assertEquals(240, Architecture.DEEPEM3D.defaultHalo());
    }

    /** A 3×3 conv adds 2, a stride-2 step doubles what later layers add, upsampling halves it again. */
    @Test
    void convolutionsWidenByKernelTimesDilationTimesStride() {
        assertEquals(3, new ReceptiveField().conv(3, 1).field());
        assertEquals(1 + 2 + 4, new ReceptiveField().conv(3, 2).conv(3, 1).field());
        assertEquals(1 + 2 + 2, new ReceptiveField().conv(3, 2).up(2).conv(3, 1).field());
        assertEquals(1 + 2 * 23, new ReceptiveField().conv(3, 1, 23, 1).field());
    }
}
