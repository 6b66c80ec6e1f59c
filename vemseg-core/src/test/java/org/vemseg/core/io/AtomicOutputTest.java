package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;

class AtomicOutputTest {

    @TempDir
    Path dir;

    @Test
    void targetAppearsOnlyOnCommit() throws IOException {
        Path target = dir.resolve("sub/out.bin");
        try (AtomicOutput out = AtomicOutput.begin(target, false, false)) {
            Files.writeString(out.temp(), "data");
            assertFalse(Files.exists(target));
            out.commit();
        }
        assertEquals("data", Files.readString(target));
        assertEquals(1, count(target.getParent()), "no temporary left");
    }

    @Test
    void uncommittedFolderIsDeleted() throws IOException {
        Path target = dir.resolve("out.zarr");
        try (AtomicOutput out = AtomicOutput.begin(target, false, true)) {
            Files.createDirectories(out.temp().resolve("0/1"));
            Files.writeString(out.temp().resolve("0/1/2"), "chunk");
        }
        assertFalse(Files.exists(target));
        assertEquals(0, count(dir));
    }

    @Test
    void existingTargetNeedsOverwriteAndIsReplacedWhole() throws IOException {
        Path target = dir.resolve("out.zarr");
        Files.createDirectories(target.resolve("old"));
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> AtomicOutput.begin(target, false, true));
        assertTrue(e.getMessage().contains("'overwrite'"));
        try (AtomicOutput out = AtomicOutput.begin(target, true, true)) {
            Files.writeString(out.temp().resolve("new"), "x");
            assertTrue(Files.exists(target.resolve("old")), "old output intact until commit");
            out.commit();
        }
        assertTrue(Files.exists(target.resolve("new")));
        assertFalse(Files.exists(target.resolve("old")));
        assertEquals(1, count(dir));
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }
}
