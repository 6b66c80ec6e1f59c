package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    private static final String GLIBC_MAPS = """
            7f3c00000000-7f3c00021000 rw-p 00000000 00:00 0
            7f3c1a000000-7f3c1a028000 r--p 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6
            7f3c1b000000-7f3c1b100000 r-xp 00000000 fe:01 99 /usr/lib/jvm/java-17/lib/server/libjvm.so
            """;

    @Test
    void readsTheAllocatorFromMappedLibraries() {
        assertEquals(NativeAllocator.GLIBC, NativeAllocator.fromMaps(GLIBC_MAPS));
        assertEquals(NativeAllocator.JEMALLOC, NativeAllocator.fromMaps(GLIBC_MAPS
                + "7f3c1c000000-7f3c1c0a0000 r-xp 00000000 fe:01 77 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n"));
        assertEquals(NativeAllocator.TCMALLOC, NativeAllocator.fromMaps(GLIBC_MAPS
                + "7f3c1c000000-7f3c1c0a0000 r-xp 00000000 fe:01 78 /usr/lib/libtcmalloc_minimal.so.4.5.10\n"));
    }

    @Test
    void advisesOnlyWhereItMatters() {
        Map<String, String> bounded = Map.of("MALLOC_MMAP_THRESHOLD_", "131072");
        assertTrue(NativeAllocator.advice(NativeAllocator.JEMALLOC, Map.of("MALLOC_MMAP_MAX_", "0"), true).isEmpty());
        assertTrue(NativeAllocator.advice(NativeAllocator.GLIBC, Map.of(), false).isEmpty(), "prediction is not told");
        String note = NativeAllocator.advice(NativeAllocator.GLIBC, bounded, true).orElseThrow();
        assertTrue(note.startsWith("vemseg: note:") && note.contains("libjemalloc2") && !note.contains("\n"), note);
        for (Map<String, String> growing : List.of(Map.<String, String>of(), Map.of("MALLOC_MMAP_MAX_", "0"),
                Map.of("MALLOC_MMAP_MAX_", "0", "MALLOC_MMAP_THRESHOLD_", "131072"))) {
            String warning = NativeAllocator.advice(NativeAllocator.GLIBC, growing, true).orElseThrow();
            assertTrue(warning.startsWith("vemseg: warning:") && warning.contains("without bound"), warning);
        }
        assertTrue(NativeAllocator.advice(NativeAllocator.GLIBC,
                Map.of("VEMSEG_ALLOCATOR", "glibc", "MALLOC_MMAP_THRESHOLD_", "131072"), true).isEmpty(),
                "a user who chose bounded glibc on purpose is not nagged");
    }
}
