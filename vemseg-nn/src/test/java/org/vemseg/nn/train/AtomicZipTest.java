package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.pretrain.PretrainCheckpoint;

class AtomicZipTest {

    @TempDir
    Path dir;

    @Test
    void entriesRoundTripAndNoTemporaryIsLeft() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("state.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("params", new byte[] {1, 2, 3});
        entries.put("empty", new byte[0]);
        Path p = dir.resolve("x.ckpt");
        AtomicZip.write(p, entries);
        AtomicZip.write(p, entries); // over an existing one
        Map<String, byte[]> back = AtomicZip.read(p, "checkpoint");
        assertEquals(List.copyOf(entries.keySet()), List.copyOf(back.keySet()));
        for (String k : entries.keySet()) {
            assertArrayEquals(entries.get(k), back.get(k), k);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void aFileThatIsNotAZipOrLacksAnEntryIsCorruptWithOneWording() throws Exception {
        Path text = Files.writeString(dir.resolve("a.ckpt"), "not a zip");
        VemsegException.Corrupt e = assertThrows(VemsegException.Corrupt.class, () -> Checkpoint.load(text));
        assertTrue(e.getMessage().startsWith(text + ": not a vemseg checkpoint ("), e.getMessage());

        Path partial = dir.resolve("b.ckpt");
        AtomicZip.write(partial, Map.of("state.json", "{}".getBytes(StandardCharsets.UTF_8)));
        e = assertThrows(VemsegException.Corrupt.class, () -> Checkpoint.load(partial));
        assertEquals(partial + ": not a vemseg checkpoint (missing entry params)", e.getMessage());
        e = assertThrows(VemsegException.Corrupt.class, () -> PretrainCheckpoint.load(partial));
        assertEquals(partial + ": not a vemseg pre-training checkpoint (missing entry query.params)", e.getMessage());

        Path badJson = dir.resolve("c.ckpt");
        AtomicZip.write(badJson, Map.of("state.json", "{not json".getBytes(StandardCharsets.UTF_8)));
        e = assertThrows(VemsegException.Corrupt.class, () -> Checkpoint.load(badJson));
        assertTrue(e.getMessage().startsWith(badJson + ": not a vemseg checkpoint ("), e.getMessage());
    }
}
