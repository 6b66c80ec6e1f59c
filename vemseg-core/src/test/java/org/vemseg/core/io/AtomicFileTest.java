package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicFile.write(f, new byte[] {1, 2}, "write test");
        AtomicFile.write(f, new byte[] {3}, "write test");
        assertEquals(List.of((byte) 3), List.of(Files.readAllBytes(f)[0]));
        assertEquals(1, Files.size(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndNamesTheFile() throws IOException {
        Path f = Files.write(dir.resolve("b.bin"), new byte[] {7, 7, 7});
        VemsegException.IO e = assertThrows(VemsegException.IO.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[] {1});
            throw new IOException("disk full");
        }, "write chunk"));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(3, Files.size(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "the temporary is deleted");
        }
    }
}
