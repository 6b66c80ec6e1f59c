package org.vemseg.core.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vemseg.core.VemsegException;
import org.vemseg.core.testing.SharedData;

class BloscCodecTest {

    static Stream<String> numcodecsFrames() throws IOException {
        JsonArray names = JsonParser.parseString(
                Files.readString(ZarrFixtures.resource("blosc/manifest.json"))).getAsJsonArray();
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.getAsString()));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("numcodecsFrames")
    void decodesFramesWrittenByNumcodecs(String name) throws IOException {
        byte[] frame = Files.readAllBytes(ZarrFixtures.resource("blosc/" + name));
        BloscCodec.Header h = BloscCodec.header(frame);
        assertEquals(70000, h.nbytes());
        assertTrue(h.blocksize() < h.nbytes(), "fixture should have several blocks: " + h);
        assertArrayEquals(ZarrFixtures.patternBytes(), BloscCodec.decode(frame), name);
    }

    @Test
    void frameListCoversEveryInnerCodecAndSplitStreams() throws IOException {
        List<String> names = numcodecsFrames().toList();
        for (String codec : new String[] {"blosclz", "lz4", "lz4hc", "zlib", "zstd"}) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(codec + "-")), codec);
        }
        // bit shuffle with typesize 4: the last block's 1116 elements are not a multiple of 8 (stored as is)
        assertTrue(names.contains("lz4-t4-s2.blosc") && names.contains("zstd-t4-s2.blosc"), names.toString());
        // blosclz with byte shuffle and typesize 4 stores 4 split streams per block
        BloscCodec.Header h = BloscCodec.header(Files.readAllBytes(ZarrFixtures.resource("blosc/blosclz-t4-s1.blosc")));
        assertTrue(h.split() && h.shuffled() && h.typesize() == 4, h.toString());
    }

    @Test
    void decodesIncompressibleDataStoredAsIs() throws IOException {
        byte[] frame = Files.readAllBytes(ZarrFixtures.resource("blosc/noise.blosc"));
        assertTrue(BloscCodec.header(frame).memcpyed());
        assertArrayEquals(Files.readAllBytes(ZarrFixtures.resource("blosc/noise.bin")), BloscCodec.decode(frame));
    }

    @Test
    void decodesASingleBlockBitShuffledFrame() throws IOException {
        byte[] frame = Files.readAllBytes(ZarrFixtures.resource("blosc/bitshuffle.blosc"));
        assertTrue(BloscCodec.header(frame).bitShuffled());
        assertArrayEquals(ZarrFixtures.patternBytes(), BloscCodec.decode(frame));
    }

    @Test
    void snappyIsRefusedClearly() {
        byte[] frame = BloscCodec.encode(new byte[1000], 1, BloscCodec.Inner.LZ4, 5, 0);
        frame[2] = (byte) ((frame[2] & 0x1F) | (2 << 5));
        VemsegException.Unsupported e = assertThrows(VemsegException.Unsupported.class, () -> BloscCodec.decode(frame));
        assertTrue(e.getMessage().contains("snappy"), e.getMessage());
    }

    @Test
    void decodesARealChunkOfTheIsbiFixture() throws IOException {
        Path chunk = SharedData.require("formats/isbi-crop.ome.zarr/0/0.0.0");
        byte[] raw = BloscCodec.decode(Files.readAllBytes(chunk));
        assertEquals(128 * 128, raw.length);
        int[] first = new int[8];
        for (int i = 0; i < 8; i++) {
            first[i] = raw[i] & 0xFF;
        }
        assertArrayEquals(new int[] {138, 147, 158, 163, 159, 152, 136, 118}, first);
    }

    static Stream<Object[]> roundTrips() {
        List<Object[]> cases = new ArrayList<>();
        for (BloscCodec.Inner inner : new BloscCodec.Inner[] {BloscCodec.Inner.ZSTD, BloscCodec.Inner.LZ4,
            BloscCodec.Inner.ZLIB}) {
            for (int typesize : new int[] {1, 2, 4, 8}) {
                cases.add(new Object[] {inner, typesize, 0});
                cases.add(new Object[] {inner, typesize, 1000}); // several blocks and a leftover block
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void encodeThenDecodeIsExact(BloscCodec.Inner inner, int typesize, int blocksize) {
        byte[] data = smoothData(30_011, typesize);
        byte[] frame = BloscCodec.encode(data, typesize, inner, 5, blocksize);
        BloscCodec.Header h = BloscCodec.header(frame);
        assertEquals(inner, h.inner());
        assertEquals(typesize, h.typesize());
        assertEquals(frame.length, h.cbytes());
        assertTrue(h.shuffled() && !h.memcpyed(), h.toString());
        assertTrue(frame.length < data.length * 0.6, "smooth data compresses: " + frame.length);
        if (blocksize > 0) {
            assertEquals(1000 / typesize * typesize, h.blocksize());
        }
        assertArrayEquals(data, BloscCodec.decode(frame));
    }

    @Test
    void incompressibleDataIsStoredAsIs() {
        byte[] data = new byte[5000];
        new SplittableRandom(1).nextBytes(data);
        byte[] frame = BloscCodec.encode(data, 2, BloscCodec.Inner.LZ4, 5, 0);
        assertTrue(BloscCodec.header(frame).memcpyed());
        assertEquals(5016, frame.length);
        assertArrayEquals(data, BloscCodec.decode(frame));
    }

    @Test
    void tinyBuffersRoundTrip() {
        for (int n : new int[] {1, 7, 127, 128, 129}) {
            byte[] data = smoothData(n, 1);
            assertArrayEquals(data, BloscCodec.decode(BloscCodec.encode(data, 1, BloscCodec.Inner.ZSTD, 5, 0)));
        }
    }

    @Test
    void truncatedOrDamagedFramesAreCorrupt() {
        byte[] frame = BloscCodec.encode(smoothData(20_000, 2), 2, BloscCodec.Inner.ZSTD, 5, 4096);
        assertThrows(VemsegException.Corrupt.class, () -> BloscCodec.decode(Arrays.copyOf(frame, 10)));
        assertThrows(VemsegException.Corrupt.class, () -> BloscCodec.decode(Arrays.copyOf(frame, frame.length - 5)));
        byte[] damaged = frame.clone();
        for (int i = 60; i < damaged.length; i += 7) {
            damaged[i] ^= 0x5A;
        }
        assertThrows(VemsegException.Corrupt.class, () -> BloscCodec.decode(damaged));
        byte[] badStart = frame.clone();
        badStart[16] = (byte) 0xFF;
        badStart[17] = (byte) 0xFF;
        assertThrows(VemsegException.Corrupt.class, () -> BloscCodec.decode(badStart));
    }

    @Test
    void blosclzLiteralsRunsOverlapsAndFarMatchesDecode() {
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        in.writeBytes(new byte[] {1, 'a', 'b'});                 // literal "ab"
        in.writeBytes(new byte[] {(byte) 0x60, 0});              // match len 5, distance 1: run of 'b'
        in.writeBytes(new byte[] {(byte) 0xE0, 1, 6});           // match len 6+1+3 = 10, distance 7 (overlapping)
        in.writeBytes(new byte[] {0, 'y'});                      // literal "y"
        in.write(0xE0);                                          // long run of 'y': len 6 + 255*35 + 57 + 3
        for (int i = 0; i < 35; i++) {
            in.write(255);
        }
        in.writeBytes(new byte[] {57, 0});
        int beforeFar = 2 + 5 + 10 + 1 + 6 + 255 * 35 + 57 + 3;
        int far = beforeFar - 8192;                              // far match back to position 0, len 3
        in.writeBytes(new byte[] {(byte) 0x3F, (byte) 255, (byte) (far >> 8), (byte) far});
        byte[] stream = in.toByteArray();

        byte[] expected = new byte[beforeFar + 3];
        expected[0] = 'a';
        Arrays.fill(expected, 1, 7, (byte) 'b');
        for (int i = 7; i < 17; i++) {
            expected[i] = expected[i - 7];
        }
        Arrays.fill(expected, 17, beforeFar, (byte) 'y');
        System.arraycopy(expected, 0, expected, beforeFar, 3);

        byte[] got = new byte[expected.length];
        BloscLz.decode(stream, 0, stream.length, got, 0, got.length);
        assertArrayEquals(expected, got);
        // a wrong expected size or a truncated stream is corrupt
        assertThrows(VemsegException.Corrupt.class,
                () -> BloscLz.decode(stream, 0, stream.length, new byte[expected.length + 1], 0, expected.length + 1));
        assertThrows(VemsegException.Corrupt.class,
                () -> BloscLz.decode(stream, 0, stream.length - 2, new byte[expected.length], 0, expected.length));
    }

    /** Slowly varying little-endian values of {@code typesize} bytes (compressible, esp. after shuffling). */
    private static byte[] smoothData(int n, int typesize) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int element = i / typesize;
            int byteIndex = i % typesize;
            long v = 5000 + element / 8 + (element % 97 == 0 ? 3 : 0);
            b[i] = (byte) (v >> (8 * byteIndex));
        }
        return b;
    }
}
