package org.vemseg.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;

class DemoFolderTest {

    @TempDir
    Path dir;

    /** What an interrupted or finished demo leaves: outputs, the model's log and checkpoint, hidden temporaries. */
    private static void earlierDemo(Path out, boolean marker) throws IOException {
        Files.createDirectories(out.resolve("train-images.ome.zarr/0"));
        Files.writeString(out.resolve("train-images.ome.zarr/zarr.json"), "{}");
        Files.writeString(out.resolve("mito.vsm"), "model");
        Files.writeString(out.resolve("mito.vsm.log.csv"), "log");
        Files.writeString(out.resolve("mito.vsm.f1.ckpt"), "checkpoint");
        Files.createDirectories(out.resolve(".test-mito-prob.ome.zarr.vemseg-partial"));
        Files.createDirectories(out.resolve("analysis"));
        Files.writeString(out.resolve("analysis/objects.csv"), "objects");
        if (marker) {
            Files.writeString(out.resolve(DemoFolder.MARKER), "demo");
        }
    }

    @Test
    void aNewFolderIsCreatedWithTheMarker() {
        Path out = dir.resolve("new/demo-output");
        assertFalse(DemoFolder.prepare(out));
        assertEquals(List.of(DemoFolder.MARKER), names(out));
    }

    @Test
    void anEarlierDemosFolderIsEmptied() throws IOException {
        Path out = dir.resolve("demo-output");
        earlierDemo(out, true);
        assertTrue(DemoFolder.prepare(out));
        assertEquals(List.of(DemoFolder.MARKER), names(out));

        Path old = dir.resolve("from-a-version-without-marker");
        earlierDemo(old, false);
        assertTrue(DemoFolder.prepare(old));
        assertEquals(List.of(DemoFolder.MARKER), names(old));
    }

    @Test
    void aFolderWithAnythingElseIsRefusedUntouched() throws IOException {
        Path out = dir.resolve("demo-output");
        earlierDemo(out, true);
        Files.writeString(out.resolve("notes.txt"), "mine");
        List<String> before = names(out);
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> DemoFolder.prepare(out));
        assertEquals(out + ": not a folder the demo wrote (it holds notes.txt); give --out a new or empty folder",
                e.getMessage());
        assertEquals(before, names(out));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));

        Path analysis = dir.resolve("my-results");
        Files.createDirectories(analysis.resolve("analysis"));
        Files.writeString(analysis.resolve("analysis/objects.csv"), "mine");
        assertThrows(VemsegException.InvalidInput.class, () -> DemoFolder.prepare(analysis),
                "only demo names, but neither the marker nor the demo's first output: not the demo's");
        assertEquals("mine", Files.readString(analysis.resolve("analysis/objects.csv")));

        Path file = Files.writeString(dir.resolve("file"), "mine");
        VemsegException f = assertThrows(VemsegException.InvalidInput.class, () -> DemoFolder.prepare(file));
        assertEquals(file + ": exists and is not a folder; choose another --out", f.getMessage());
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
