package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DiskSpace} warns, in one line with both figures, when outputs may not fit their file system. */
class DiskSpaceTest {

    @TempDir
    Path dir;

    @Test
    void warnsOnlyWhenTheOutputMayNotFit() {
        assertEquals(Optional.of("out.zarr: up to 3.0 GiB to write but only 1.5 GiB free on the file system; "
                + "writing will fail when the disk is full"), DiskSpace.warning("out.zarr", 3L << 30, 3L << 29));
        assertEquals(Optional.empty(), DiskSpace.warning("out.zarr", 3L << 30, 3L << 30));
        assertEquals(Optional.empty(), DiskSpace.warning("out.zarr", 0, 0));
        assertEquals("512 B", ByteSize.binary(512));
        assertEquals("2.0 TiB", ByteSize.binary(2L << 40));
    }

    @Test
    void outputsOnOneFileSystemAreAddedUp() throws IOException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        Path out = dir.resolve("not-yet/p.zarr"); // measured at its nearest existing folder
        Path spread = dir.resolve("u.zarr");
        assertEquals(List.of(), DiskSpace.warnings(Map.of(out, 1L << 20)), "a megabyte fits");

        Map<Path, Long> needs = new LinkedHashMap<>();
        needs.put(out, usable / 4 * 3);
        needs.put(spread, usable / 4 * 3);
        assertEquals(List.of(), DiskSpace.warnings(Map.of(out, usable / 4 * 3)), "each fits alone");
        List<String> both = DiskSpace.warnings(needs);
        assertEquals(1, both.size(), both.toString());
        assertTrue(both.get(0).startsWith(out + " and " + spread + ": up to "), both.get(0));
    }
}
