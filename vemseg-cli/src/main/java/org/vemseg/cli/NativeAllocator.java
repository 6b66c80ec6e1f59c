package org.vemseg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which malloc serves the engine's native memory in this process, and what to tell a user who starts the jar
 * without {@code ./vemseg}. The launcher preloads jemalloc where it is installed (see
 * {@code launcher/runtime-env.sh} for the measurements behind that); a plain {@code java -jar} gets glibc's
 * malloc, which lets a long training grow until the kernel kills it unless its mmap threshold is fixed, and then
 * trains 2-2.5 times slower (bench/soak/RESULTS.md).
 */
enum NativeAllocator {
    JEMALLOC, TCMALLOC, MIMALLOC, GLIBC;

    /** Where Debian and Ubuntu install jemalloc on x86-64; named in the advice. */
    static final String JEMALLOC_PATH = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";

    private static boolean advised;

    /** The allocator of this process, read from the libraries it has mapped (Linux); GLIBC when unknown. */
    static NativeAllocator current() {
        try {
            return fromMaps(Files.readString(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            return GLIBC;  // not Linux: nothing to advise
        }
    }

    static NativeAllocator fromMaps(String maps) {
        for (String line : maps.split("\n")) {
            int slash = line.lastIndexOf('/');
            String file = slash < 0 ? "" : line.substring(slash + 1);
            if (file.startsWith("libjemalloc")) {
                return JEMALLOC;
            }
            if (file.startsWith("libtcmalloc")) {
                return TCMALLOC;
            }
            if (file.startsWith("libmimalloc")) {
                return MIMALLOC;
            }
        }
        return GLIBC;
    }

    /**
     * The one line to print before a command that trains, or empty when the process is set up well. glibc's
     * malloc stays bounded in training only with a fixed mmap threshold ({@code MALLOC_MMAP_THRESHOLD_}, which the
     * launcher sets where jemalloc is missing): then it is merely slow. With its adaptive default, or with
     * {@code MALLOC_MMAP_MAX_=0}, large blocks come from its heap and fragment it without bound.
     */
    static Optional<String> advice(NativeAllocator allocator, Map<String, String> env, boolean training) {
        if (allocator != GLIBC || !training) {
            return Optional.empty();
        }
        String fix = "install jemalloc (sudo apt-get install libjemalloc2) and start with ./vemseg, or set "
                + "LD_PRELOAD=" + JEMALLOC_PATH + " (README, 'Memory')";
        if ("0".equals(env.get("MALLOC_MMAP_MAX_")) || !env.containsKey("MALLOC_MMAP_THRESHOLD_")) {
            return Optional.of("vemseg: warning: glibc's malloc with these settings lets training's memory grow "
                    + "without bound (gigabytes per hour); " + fix + ", or at least set MALLOC_MMAP_THRESHOLD_=131072");
        }
        if (!"glibc".equals(env.get("VEMSEG_ALLOCATOR"))) {
            return Optional.of("vemseg: note: native memory comes from glibc's malloc, with which training runs "
                    + "2-2.5x slower; " + fix);
        }
        return Optional.empty();
    }

    /** Prints {@link #advice} once per process, to standard error. */
    static synchronized void adviseOnce(boolean training) {
        if (advised) {
            return;
        }
        advised = true;
        advice(current(), System.getenv(), training).ifPresent(System.err::println);
    }
}
