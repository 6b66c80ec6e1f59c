package org.vemseg.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.vemseg.core.Notices;

/**
 * Hidden temporaries that a killed run left beside an output. A run stopped by SIGKILL or a power cut cannot
 * clean up, and its {@code .NAME.vemseg-tmp-PID-…} (or, mid-commit, {@code .NAME.vemseg-old-PID}) stays, often
 * gigabytes. The next run writing NAME removes those whose process is gone, and says so in one line.
 *
 * <p>A temporary of a living process is left alone: it may be a concurrent run's. The exception is a process
 * that started after the temporary was last written to, which cannot be its writer: the PID was reused (as
 * happens quickly in containers, where a rerun may even get the same PID).
 */
final class StaleTemporaries {

    private static final String TEMP = ".vemseg-tmp-";
    private static final String OLD = ".vemseg-old-";
    /** Slack for clocks of network file systems before a process start counts as later than a file change. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    private StaleTemporaries() {
    }

    /** Removes the stale temporaries of {@code target} (an absolute, normalised path) in its folder. */
    static void removeBeside(Path target) {
        for (Path temp : candidates(target)) {
            OptionalLong pid = writerPid(target, temp.getFileName().toString());
            if (pid.isPresent() && writerIsGone(pid.getAsLong(), temp)) {
                long bytes = size(temp);
                AtomicOutput.deleteQuietly(temp);
                Notices.tell(Files.exists(temp)
                        ? "could not remove a stale temporary of an interrupted run: " + temp + "; delete it by hand"
                        : "removed a stale temporary of an interrupted run: " + temp.getFileName() + " ("
                                + humanSize(bytes) + ")");
            }
        }
    }

    private static List<Path> candidates(Path target) {
        String prefix = "." + target.getFileName();
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of(); // an unreadable folder fails the write itself, with a clearer message
        }
    }

    /** The PID in {@code .NAME.vemseg-tmp-PID-RANDOM} or {@code .NAME.vemseg-old-PID}, if the name is one. */
    static OptionalLong writerPid(Path target, String name) {
        String base = "." + target.getFileName();
        String rest;
        if (name.startsWith(base + TEMP)) {
            rest = name.substring(base.length() + TEMP.length());
            int dash = rest.indexOf('-');
            if (dash < 0) {
                return OptionalLong.empty();
            }
            rest = rest.substring(0, dash);
        } else if (name.startsWith(base + OLD)) {
            rest = name.substring(base.length() + OLD.length());
        } else {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean writerIsGone(long pid, Path temp) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        try {
            Instant written = Files.getLastModifiedTime(temp).toInstant();
            return started.isPresent() && started.get().isAfter(written.plus(CLOCK_SLACK));
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String humanSize(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1e3));
    }
}
