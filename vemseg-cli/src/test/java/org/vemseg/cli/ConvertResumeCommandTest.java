package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.ops.ConversionRequest;
import org.vemseg.core.ops.VolumeConverter;
import org.vemseg.core.testing.InterruptingProgress;

/**
 * {@code convert --resume}: an interrupted conversion into OME-Zarr keeps its finished chunks in a hidden partial
 * folder, and the same conversion with {@code --resume} writes the rest, giving the files of an uninterrupted run,
 * byte for byte. The interruption is simulated as predict's resume tests do: a progress that fails after some
 * voxels, in the conversion service the command calls (a real kill -9 is in {@link InterruptedRunsTest}).
 */
class ConvertResumeCommandTest {

    /** 24 x 256 x 256 voxels in 4 x 64 x 64 chunks: 96 chunks, and a two-level pyramid built at the end. */
    private static final String[] CHUNKS = {"--chunk", "4,64,64", "--levels", "2"};

    @TempDir
    Path dir;

    private Path input;

    @BeforeEach
    void writeInput() {
        input = SyntheticFiles.tiff(dir);
    }

    @Test
    void anInterruptedConversionResumedEqualsAnUninterruptedOne() throws IOException {
        Path full = dir.resolve("full/em.ome.zarr");
        assertEquals(0, convert(full).exitCode());
        Path out = dir.resolve("resumed/em.ome.zarr");
        interrupt(out, Optional.empty(), new int[] {4, 64, 64});
        assertFalse(Files.exists(out), "nothing under the final name");
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(out)), "the finished chunks stay");
        // What kill -9 between writing a chunk's temporary and renaming it leaves: resuming removes it.
        Path chunkFolder = AtomicOutput.partialPath(out).resolve("0/0/0");
        Files.writeString(chunkFolder.resolve(".0.tmp-1a2b3c4d"), "half a chunk");

        assertOneLineError(convert(out), out + ": an interrupted run left a partial output (.em.ome.zarr"
                + ".vemseg-partial); use --resume to continue it or --overwrite to start again");
        CliRun r = convert(out, "--resume");
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("resumed: (\\d+) of 96 chunks were written by the interrupted run")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        int skipped = Integer.parseInt(m.group(1));
        assertTrue(skipped >= 10 && skipped < 96, "skipped " + skipped);
        assertSameFiles(full, out);
        assertEquals(List.of("em.ome.zarr"), entries(out.getParent()), "no partial folder or job record left");
    }

    @Test
    void aChangedCropChunkOrTypeIsRefusedInOneLineAndThePartialOutputKept() throws IOException {
        Path out = dir.resolve("em.zarr");
        interrupt(out, Optional.of("0:20,:,:"), new int[] {4, 64, 64});
        assertOneLineError(convert(out, "--resume", "--crop", "0:16,:,:"), out + ": the partial output was started "
                + "with different settings (was crop=[0:20, 0:256, 0:256], now crop=[0:16, 0:256, 0:256]); use "
                + "--overwrite to start again");
        assertOneLineError(convert(out, "--resume", "--crop", "0:20,:,:", "--chunk", "4,32,32"),
                "(was chunk=4,64,64, now chunk=4,32,32)");
        assertOneLineError(convert(out, "--resume", "--crop", "0:20,:,:", "--chunk", "4,64,64", "--dtype",
                "uint16"), "(was dtype=uint8, now dtype=uint16)");
        assertFalse(Files.exists(out));
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(out)), "a refusal keeps the partial output");

        CliRun again = convert(out, "--crop", "0:16,:,:", "--overwrite");
        assertEquals(0, again.exitCode(), again.err());
        assertFalse(again.out().contains("resumed"), again.out());
        assertEquals(List.of("em.zarr"), entries(dir).stream().filter(n -> n.startsWith(".") || n.equals("em.zarr"))
                .toList(), "--overwrite discards the partial output");
    }

    @Test
    void resumeWithNothingToResumeConvertsFromScratch() throws IOException {
        Path plain = dir.resolve("plain/em.zarr");
        Path fresh = dir.resolve("fresh/em.zarr");
        assertEquals(0, convert(plain).exitCode());
        CliRun r = convert(fresh, "--resume");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("resumed"), r.out());
        assertSameFiles(plain, fresh);
    }

    @Test
    void resumeOfATiffOrSliceFolderOutputOrWithSparkIsRefusedInOneLine() throws IOException {
        for (String name : new String[] {"em.tif", "em-slices"}) {
            Path out = dir.resolve(name);
            assertOneLineError(CliRun.of("convert", input.toString(), out.toString(), "--resume", "-q"),
                    out + ": --resume needs an OME-Zarr output (.zarr), whose chunks are stored separately");
            assertFalse(Files.exists(out));
        }
        Path zarr = dir.resolve("em.zarr");
        assertOneLineError(CliRun.of("convert", input.toString(), zarr.toString(), "--resume", "--spark", "local[1]",
                "-q"), zarr + ": --resume is not available with --spark yet");
        assertEquals(List.of("image.tif"), entries(dir), "nothing written, not even a temporary");
    }

    private CliRun convert(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("convert", input.toString(), out.toString(), "-q"));
        if (List.of(more).stream().noneMatch("--chunk"::equals)) {
            args.addAll(List.of(CHUNKS));
        } else {
            args.addAll(List.of("--levels", "2"));
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Runs the conversion the command line would, stopped by a failure after a third of the voxels. */
    private void interrupt(Path out, Optional<String> crop, int[] chunk) {
        WriteOptions options = WriteOptions.defaults().withScaleLevels(2).withChunk(chunk);
        ConversionRequest request = new ConversionRequest(VolumeLocation.of(input), VolumeLocation.of(out), crop,
                Optional.empty(), false, Optional.empty(), options, 2);
        RuntimeException e = assertThrows(RuntimeException.class, () -> VolumeConverter.run(request,
                InterruptingProgress.after(24L * 256 * 256 / 3)));
        assertTrue(String.valueOf(e.getMessage()).contains(InterruptingProgress.MESSAGE)
                || String.valueOf(e.getCause()).contains(InterruptingProgress.MESSAGE), String.valueOf(e));
    }

    /** The two folders hold the same files (hidden ones included), byte for byte. */
    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> a = files(expected);
        List<Path> b = files(actual);
        assertEquals(a, b, "the same file names");
        assertTrue(a.size() > 96, "chunks of both levels and metadata: " + a.size());
        for (Path f : a) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                    f.toString());
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static List<String> entries(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertOneLineError(CliRun r, String expected) {
        assertEquals(VemsegCli.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
