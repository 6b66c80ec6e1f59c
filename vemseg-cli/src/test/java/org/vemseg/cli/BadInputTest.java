package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input: exit code 2, one line naming the file and the problem, nothing written. */
class BadInputTest {

    @TempDir
    Path dir;

    private static void assertOneLineError(CliRun r, String... mustContain) {
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("vemseg: error: "), lines[0]);
        for (String s : mustContain) {
            assertTrue(lines[0].contains(s), "'" + s + "' in: " + lines[0]);
        }
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.tif");
        assertOneLineError(CliRun.of("info", p.toString()), p.toString(), "no such file");
        assertOneLineError(CliRun.of("convert", p.toString(), dir.resolve("o.zarr").toString()), p.toString());
        assertFalse(Files.exists(dir.resolve("o.zarr")));
    }

    @Test
    void unknownFormat() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.xyz"), "hello, not an image");
        assertOneLineError(CliRun.of("info", p.toString()), p.toString(), "unknown format");
    }

    @Test
    void truncatedTiff() throws IOException {
        Path good = dir.resolve("good.tif");
        Files.copy(SyntheticFiles.tiff(dir.resolve("d")), good);
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        CliRun r = CliRun.of("convert", cut.toString(), dir.resolve("cut.zarr").toString());
        assertOneLineError(r, "cut.tif");
        assertFalse(Files.exists(dir.resolve("cut.zarr")), "no partial output");
        assertNoTemporaries();
    }

    @Test
    void corruptPngInAFolder() throws IOException {
        Path slices = SyntheticFiles.pngSlices(dir.resolve("d"));
        Path victim;
        try (Stream<Path> s = Files.list(slices)) {
            victim = s.sorted().skip(3).findFirst().orElseThrow();
        }
        Files.write(victim, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0});
        CliRun r = CliRun.of("convert", slices.toString(), dir.resolve("out.tif").toString());
        assertOneLineError(r, victim.getFileName().toString());
        assertFalse(Files.exists(dir.resolve("out.tif")));
    }

    @Test
    void existingOutputIsKeptWithoutOverwrite() throws IOException {
        Path in = SyntheticFiles.tiff(dir.resolve("d"));
        Path out = Files.writeString(dir.resolve("precious.tif"), "my thesis data");
        CliRun r = CliRun.of("convert", in.toString(), out.toString());
        assertOneLineError(r, "precious.tif", "--overwrite");
        assertArrayEquals("my thesis data".getBytes(), Files.readAllBytes(out));
        assertEquals(0, CliRun.of("convert", in.toString(), out.toString(), "--overwrite", "-q").exitCode());
        assertTrue(Files.size(out) > 1000);
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        CliRun r = CliRun.of("convert", "a.tif", "b.zarr", "--dtype", "complex64");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("complex64"), r.err());
        assertEquals(2, CliRun.of("convert", "a.tif", "b.zarr", "--chunk", "64,64").exitCode());
        assertEquals(2, CliRun.of("convert", "a.tif", "b.zarr", "--voxel-size", "0,4,4").exitCode());
        assertEquals(2, CliRun.of("info", "--no-such-option", "x").exitCode());
    }

    @Test
    void cropOutsideTheVolumeIsRefusedBeforeWriting() {
        Path in = SyntheticFiles.tiff(dir.resolve("d"));
        Path out = dir.resolve("crop.tif");
        CliRun r = CliRun.of("convert", in.toString(), out.toString(), "--crop", "0:100,:,:");
        assertOneLineError(r, "outside");
        assertFalse(Files.exists(out));
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun r = CliRun.of("info", dir.resolve("nope.tif").toString(), "--debug");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("at org.vemseg"), r.err());
    }

    private void assertNoTemporaries() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().contains("vemseg-tmp")).count());
        }
    }
}
