package org.vemseg.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.testing.VolumeAsserts;

class BlockTest {

    @Test
    void unsignedValuesAreMaskedAndSetSaturates() {
        Block b = Block.allocate(Box.ofShape(1, 1, 4), DataType.UINT8);
        b.set(0, 255);
        b.set(1, 300);
        b.set(2, -5);
        b.set(3, 127.6);
        assertEquals(255, b.get(0));
        assertEquals(255, b.get(1));
        assertEquals(0, b.get(2));
        assertEquals(128, b.get(3));
        Block u32 = Block.allocate(Box.ofShape(1, 1, 1), DataType.UINT32);
        u32.set(0, 4_000_000_000.0);
        assertEquals(4_000_000_000.0, u32.get(0));
        Block i16 = Block.allocate(Box.ofShape(1, 1, 2), DataType.INT16);
        i16.set(0, -40000);
        i16.set(1, Double.NaN);
        assertEquals(-32768, i16.get(0));
        assertEquals(0, i16.get(1));
    }

    @Test
    void copyFromPlacesTheOverlapByVolumeCoordinates() {
        Block src = SyntheticVolumes.ramp(new Box(0, 0, 0, 4, 6, 8), DataType.UINT16);
        Block dst = Block.allocate(new Box(2, 3, 5, 4, 4, 4), DataType.UINT16);
        dst.copyFrom(src);
        assertEquals(src.get(src.index(3, 4, 6)), dst.get(dst.index(3, 4, 6)));
        assertEquals(0, dst.get(dst.index(5, 6, 8)), "outside the source stays zero");
        VolumeAsserts.assertBlockEquals(src.crop(new Box(2, 3, 5, 2, 3, 3)), dst.crop(new Box(2, 3, 5, 2, 3, 3)));
    }

    @Test
    void bytesRoundTripInBothByteOrders() {
        for (DataType t : DataType.values()) {
            Block b = SyntheticVolumes.random(Box.ofShape(2, 3, 5), t, 9);
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                byte[] raw = b.toBytes(order);
                assertEquals(30 * t.bytes(), raw.length);
                Block back = Block.allocate(b.box(), t);
                ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
                back.readFrom(buf);
                assertEquals(raw.length, buf.position());
                VolumeAsserts.assertBlockEquals(b, back);
            }
        }
        Block be = Block.wrap(Box.ofShape(1, 1, 1), DataType.UINT16, new short[] {0x0102});
        assertArrayEquals(new byte[] {1, 2}, be.toBytes(ByteOrder.BIG_ENDIAN));
    }

    @Test
    void wrapChecksArrayTypeAndLength() {
        assertThrows(IllegalArgumentException.class,
                () -> Block.wrap(Box.ofShape(1, 1, 2), DataType.UINT8, new short[2]));
        assertThrows(IllegalArgumentException.class,
                () -> Block.wrap(Box.ofShape(1, 1, 2), DataType.UINT8, new byte[3]));
        assertThrows(IllegalStateException.class, () -> Block.allocate(Box.ofShape(1, 1, 1), DataType.UINT8).floats());
    }

    @Test
    void dataTypeNamesParseAndUnknownNamesListTheValidOnes() {
        assertEquals(DataType.FLOAT32, DataType.fromString("Float32"));
        var e = assertThrows(org.vemseg.core.VemsegException.Unsupported.class, () -> DataType.fromString("complex64"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("uint8"), e.getMessage());
        assertEquals(65535, DataType.UINT16.maxValue());
        assertEquals(-128, DataType.INT8.minValue());
    }
}
