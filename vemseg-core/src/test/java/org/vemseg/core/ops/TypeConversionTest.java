package org.vemseg.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class TypeConversionTest {

    @Test
    void castSaturatesAndRescaleMapsTheRangeLinearly() {
        Block f = Block.wrap(Box.ofShape(1, 1, 4), DataType.FLOAT32, new float[] {-1f, 0.5f, 2f, 300f});
        Block cast = TypeConversion.convert(f, DataType.UINT8, Optional.empty());
        assertEquals(0, cast.get(0));
        assertEquals(255, cast.get(3));
        assertEquals(2, cast.get(2));
        Block scaled = TypeConversion.convert(f, DataType.UINT8, Optional.of(new IntensityMap(-1, 300, 0, 255)));
        assertEquals(0, scaled.get(0));
        assertEquals(Math.rint(1.5 / 301 * 255), scaled.get(1));
        assertEquals(255, scaled.get(3));
    }

    @Test
    void sameTypeWithoutMapReturnsTheSameBlock() {
        Block b = Block.allocate(Box.ofShape(1, 2, 2), DataType.UINT16);
        assertEquals(b, TypeConversion.convert(b, DataType.UINT16, Optional.empty()));
    }
}
