package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vemseg.core.Notices;
import org.vemseg.core.testing.EndedProcess;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * A write removes the hidden temporaries that a killed run (one whose PID is gone) left beside the same output,
 * says so in one line, and keeps those of a living process, which may be a concurrent run's.
 */
class StaleTemporariesTest {

    @TempDir
    Path dir;

    private final List<String> notices = new ArrayList<>();
    private Consumer<String> previous;

    @BeforeEach
    void captureNotices() {
        previous = Notices.redirect(notices::add);
    }

    @AfterEach
    void restoreNotices() {
        Notices.redirect(previous);
    }

    /** TIFF file, OME-Zarr folder, folder of slices. */
    @ParameterizedTest
    @ValueSource(strings = {"x.tif", "x.ome.zarr", "x-slices"})
    void aVolumeWriteRemovesADeadRunsTemporariesAndKeepsALiveOnes(String name) throws Exception {
        long dead = EndedProcess.pid();
        long alive = ProcessHandle.current().pid();
        Path stale = temporary("." + name + ".vemseg-tmp-" + dead + "-1a2b", 3_000_000);
        Path staleOld = temporary("." + name + ".vemseg-old-" + dead, 10);
        Path live = temporary("." + name + ".vemseg-tmp-" + alive + "-3c4d", 10);

        Volumes.write(VolumeLocation.of(dir.resolve(name)), SyntheticVolumes.ramp(Box.ofShape(2, 8, 8),
                DataType.UINT8), Optional.empty(), WriteOptions.defaults());

        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleOld));
        assertTrue(Files.exists(live), "a living process's temporary is left alone");
        assertTrue(Files.exists(dir.resolve(name)));
        assertEquals(List.of("removed a stale temporary of an interrupted run: " + staleOld.getFileName() + " (1 kB)",
                "removed a stale temporary of an interrupted run: " + stale.getFileName() + " (3 MB)"),
                notices.stream().sorted().toList());
    }

    @Test
    void aTemporaryOlderThanTheProcessOfItsPidIsStaleBecauseThePidWasReused() throws IOException {
        long self = ProcessHandle.current().pid();
        Path reused = temporary(".t.csv.vemseg-tmp-" + self + "-5e6f", 10);
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(reused, FileTime.from(jvmStart.minus(Duration.ofHours(2))));

        try (AtomicOutput out = AtomicOutput.begin(dir.resolve("t.csv"), false, false)) {
            Files.writeString(out.temp(), "a,b\n");
            out.commit();
        }
        assertFalse(Files.exists(reused));
        assertEquals(1, notices.size(), notices.toString());
    }

    @Test
    void onlyTemporariesOfTheSameOutputAreTouched() throws Exception {
        long dead = EndedProcess.pid();
        Path other = temporary(".x.tif.b.vemseg-tmp-" + dead + "-1a2b", 10);
        Path notOurs = temporary(".x.tif.vemseg-tmp-notapid", 10);
        try (AtomicOutput out = AtomicOutput.begin(dir.resolve("x.tif"), false, false)) {
            out.commit();
        }
        assertTrue(Files.exists(other) && Files.exists(notOurs));
        assertEquals(List.of(), notices);
    }

    /** A file of {@code bytes} bytes, or for a folder name (no extension after the PID) a folder holding one. */
    private Path temporary(String name, int bytes) throws IOException {
        Path p = dir.resolve(name);
        if (name.contains(".zarr") || name.contains("-slices")) {
            Files.createDirectories(p.resolve("0/0"));
            Files.write(p.resolve("0/0/0"), new byte[bytes]);
        } else {
            Files.write(p, new byte[bytes]);
        }
        return p;
    }
}
