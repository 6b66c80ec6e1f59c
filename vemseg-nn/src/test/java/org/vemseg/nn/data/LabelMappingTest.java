package org.vemseg.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class LabelMappingTest {

    private static Block labels(DataType type, double... values) {
        Block b = Block.allocate(Box.ofShape(1, 1, values.length), type);
        for (int i = 0; i < values.length; i++) {
            b.set(i, values[i]);
        }
        return b;
    }

    @Test
    void binaryLabelsBecomeZeroAndOne() {
        assertArrayEquals(new byte[] {0, 1, 1, 0}, LabelMapping.binary().apply(labels(DataType.UINT8, 0, 255, 255, 0),
                "lab"));
        assertEquals("binary", LabelMapping.binary().toString());
    }

    @Test
    void withMoreThanTwoClassesLabelsAreClassIndicesAndIgnoredValuesAreExcluded() {
        LabelMapping m = new LabelMapping(OptionalInt.empty(), OptionalInt.of(9), 3);
        assertArrayEquals(new byte[] {0, 1, 2, LabelMapping.IGNORE, 2},
                m.apply(labels(DataType.UINT8, 0, 1, 2, 9, 2), "lab"));
        assertEquals("3 classes, ignore=9", m.toString());
    }

    @Test
    void valuesOutsideTheClassIndicesAreRejectedNamingThemAndTheClassCount() {
        LabelMapping m = new LabelMapping(OptionalInt.empty(), OptionalInt.empty(), 3);
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> m.apply(labels(DataType.UINT8, 0, 1, 7, 2, 3, 7), "lab.tif"));
        assertEquals("lab.tif: unexpected label values [3, 7] for 'classes' 3; expected class indices 0-2 (exclude "
                + "other values with 'ignore' V)", e.getMessage());
        VemsegException f = assertThrows(VemsegException.InvalidInput.class,
                () -> m.apply(labels(DataType.FLOAT32, 0, 1.5, -1), "lab.tif"));
        assertEquals("lab.tif: unexpected label values [-1, 1.5] for 'classes' 3; expected class indices 0-2 "
                + "(exclude other values with 'ignore' V)", f.getMessage());
    }

    @Test
    void foregroundIsOnlyForBinaryRunsAndTheClassCountIsBounded() {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> new LabelMapping(OptionalInt.of(1), OptionalInt.empty(), 3));
        assertEquals("'foreground' selects the class of a binary run and cannot be used with 'classes' 3 (labels "
                + "are then class indices 0-2)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new LabelMapping(OptionalInt.empty(), OptionalInt.empty(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new LabelMapping(OptionalInt.empty(), OptionalInt.empty(), 256));
    }
}
