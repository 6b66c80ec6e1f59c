package org.vemseg.core.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/** LZW, PackBits and the predictors on their own, including their edge cases. */
class TiffCodecTest {

    private static byte[] lzwRoundTrip(byte[] data) throws DataFormatException {
        Lzw lzw = new Lzw();
        byte[] enc = new byte[Lzw.maxEncodedSize(data.length)];
        int n = lzw.encode(data, 0, data.length, enc);
        byte[] dec = new byte[data.length];
        assertEquals(data.length, new Lzw().decode(enc, 0, n, dec, 0, dec.length));
        return dec;
    }

    private static byte[] random(int n, int alphabet, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(alphabet);
        }
        return b;
    }

    @Test
    void lzwRoundTripsEmptyAndSingleByteInput() throws DataFormatException {
        assertArrayEquals(new byte[0], lzwRoundTrip(new byte[0]));
        assertArrayEquals(new byte[] {(byte) 200}, lzwRoundTrip(new byte[] {(byte) 200}));
        Lzw lzw = new Lzw();
        byte[] enc = new byte[Lzw.maxEncodedSize(0)];
        // Clear code then end code, 9 bits each.
        assertEquals(3, lzw.encode(new byte[0], 0, 0, enc));
    }

    @Test
    void lzwRoundTripsLongRunsAndRandomDataPastTableResets() throws DataFormatException {
        byte[] zeros = new byte[1 << 20];
        assertArrayEquals(zeros, lzwRoundTrip(zeros));
        // Random bytes add a table entry per code: many more than 4096 codes force several resets.
        byte[] noise = random(300_000, 256, 1);
        assertArrayEquals(noise, lzwRoundTrip(noise));
        byte[] fewSymbols = random(200_000, 3, 2);
        assertArrayEquals(fewSymbols, lzwRoundTrip(fewSymbols));
        byte[] ramp = new byte[100_000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) (i / 7);
        }
        assertArrayEquals(ramp, lzwRoundTrip(ramp));
    }

    @Test
    void lzwCompressesRepetitiveDataAndBoundsExpansion() {
        Lzw lzw = new Lzw();
        byte[] zeros = new byte[100_000];
        byte[] enc = new byte[Lzw.maxEncodedSize(zeros.length)];
        assertTrue(lzw.encode(zeros, 0, zeros.length, enc) < 2_000);
        byte[] noise = random(100_000, 256, 3);
        byte[] enc2 = new byte[Lzw.maxEncodedSize(noise.length)];
        assertTrue(lzw.encode(noise, 0, noise.length, enc2) <= Lzw.maxEncodedSize(noise.length));
    }

    @Test
    void lzwDecodeStopsAtTheOutputSizeAndRejectsCodesBeyondTheTable() throws DataFormatException {
        byte[] data = random(10_000, 4, 4);
        Lzw lzw = new Lzw();
        byte[] enc = new byte[Lzw.maxEncodedSize(data.length)];
        int n = lzw.encode(data, 0, data.length, enc);
        byte[] part = new byte[777];
        assertEquals(777, lzw.decode(enc, 0, n, part, 0, part.length));
        assertArrayEquals(Arrays.copyOf(data, 777), part);
        // Clear (256), then 'A', then code 300 which no entry holds yet: 9-bit codes packed MSB first.
        byte[] bad = packCodes(256, 65, 300, 257);
        assertThrows(DataFormatException.class, () -> new Lzw().decode(bad, 0, bad.length, new byte[10], 0, 10));
    }

    private static byte[] packCodes(int... codes) {
        long bits = 0;
        int count = 0;
        ByteBuffer out = ByteBuffer.allocate(codes.length * 2 + 2);
        for (int c : codes) {
            bits = (bits << 9) | c;
            count += 9;
            while (count >= 8) {
                count -= 8;
                out.put((byte) (bits >>> count));
            }
        }
        if (count > 0) {
            out.put((byte) (bits << (8 - count)));
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] packBitsRoundTrip(byte[] row) throws DataFormatException {
        byte[] enc = new byte[PackBits.maxEncodedSize(row.length)];
        int n = PackBits.encodeRow(row, 0, row.length, enc, 0);
        assertTrue(n <= PackBits.maxEncodedSize(row.length));
        byte[] dec = new byte[row.length];
        assertEquals(row.length, PackBits.decode(enc, 0, n, dec, 0, dec.length));
        return dec;
    }

    @Test
    void packBitsRoundTripsEdgeCases() throws DataFormatException {
        assertArrayEquals(new byte[0], packBitsRoundTrip(new byte[0]));
        assertArrayEquals(new byte[] {5}, packBitsRoundTrip(new byte[] {5}));
        byte[] run = new byte[1000];
        Arrays.fill(run, (byte) 9);
        assertArrayEquals(run, packBitsRoundTrip(run));
        byte[] noise = random(1000, 256, 5);
        assertArrayEquals(noise, packBitsRoundTrip(noise));
        byte[] mixed = random(5000, 2, 6);
        assertArrayEquals(mixed, packBitsRoundTrip(mixed));
        byte[] pairs = {1, 1, 2, 2, 3, 3, 3, 4};
        assertArrayEquals(pairs, packBitsRoundTrip(pairs));
    }

    @Test
    void packBitsEncodesLongRunsCompactlyAndDecodesTheSpecExample() throws DataFormatException {
        byte[] run = new byte[1280];
        byte[] enc = new byte[PackBits.maxEncodedSize(run.length)];
        assertEquals(20, PackBits.encodeRow(run, 0, run.length, enc, 0));
        // The example of TIFF 6.0 section 9.
        byte[] packed = {(byte) 0xFE, (byte) 0xAA, 0x02, (byte) 0x80, 0x00, 0x2A, (byte) 0xFD, (byte) 0xAA, 0x03,
            (byte) 0x80, 0x00, 0x2A, 0x22, (byte) 0xF7, (byte) 0xAA};
        byte[] expected = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x80, 0x00, 0x2A, (byte) 0xAA, (byte) 0xAA,
            (byte) 0xAA, (byte) 0xAA, (byte) 0x80, 0x00, 0x2A, 0x22, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA,
            (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA};
        byte[] out = new byte[expected.length];
        assertEquals(expected.length, PackBits.decode(packed, 0, packed.length, out, 0, out.length));
        assertArrayEquals(expected, out);
        byte[] cut = {0x05, 1, 2};
        assertThrows(DataFormatException.class, () -> PackBits.decode(cut, 0, cut.length, new byte[6], 0, 6));
    }

    @Test
    void horizontalPredictorIsUndoneRowByRowWithWrapAroundInBothByteOrders() {
        short[] values = {100, -5, 32767, -32768, 7, 0};
        int perRow = 3;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order);
            for (int i = 0; i < values.length; i++) {
                boolean rowStart = i % perRow == 0;
                b.putShort((short) (rowStart ? values[i] : values[i] - values[i - 1]));
            }
            byte[] bytes = b.array();
            Predictors.undoHorizontal(bytes, 0, 2, perRow, 2, order);
            ByteBuffer r = ByteBuffer.wrap(bytes).order(order);
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], r.getShort(i * 2), order + " sample " + i);
            }
        }
        byte[] u8 = {10, 5, (byte) 250, 1, 1, 1};
        Predictors.undoHorizontal(u8, 0, 2, 3, 1, ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(new byte[] {10, 15, 9, 1, 2, 3}, u8);
    }

    @Test
    void floatingPointPredictorRestoresBigEndianSamples() {
        float[] row = {1.5f, -2.25f, 1e-20f, 3.4e38f, 0f};
        int n = row.length;
        byte[] be = ByteBuffer.allocate(n * 4).order(ByteOrder.BIG_ENDIAN).putFloat(row[0]).putFloat(row[1])
                .putFloat(row[2]).putFloat(row[3]).putFloat(row[4]).array();
        byte[] encoded = FloatPredictorEncoder.encode(be, n, 4);
        Predictors.undoFloatingPoint(encoded, 0, 1, n, 4, new byte[n * 4]);
        assertArrayEquals(be, encoded);
    }

    /** The writer side of the floating-point predictor, for tests only. */
    static final class FloatPredictorEncoder {
        static byte[] encode(byte[] bigEndianRow, int n, int bytes) {
            byte[] planes = new byte[n * bytes];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < bytes; p++) {
                    planes[p * n + i] = bigEndianRow[i * bytes + p];
                }
            }
            for (int i = planes.length - 1; i > 0; i--) {
                planes[i] -= planes[i - 1];
            }
            return planes;
        }
    }
}
