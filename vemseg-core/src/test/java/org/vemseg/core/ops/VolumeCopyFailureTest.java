package org.vemseg.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A copy whose writer fails part-way returns only once its workers stopped, so closing the writer afterwards
 * leaves no temporary: a worker still running would write on into the deleted temporary and recreate it.
 */
class VolumeCopyFailureTest {

    @TempDir
    Path dir;

    @Test
    void aWriterFailingMidCopyLeavesNoTemporaryAndNoWorkerRunning() throws Exception {
        Path source = dir.resolve("in.tif");
        Volumes.write(VolumeLocation.of(source), SyntheticVolumes.ramp(Box.ofShape(32, 128, 128), DataType.UINT8),
                Optional.empty(), WriteOptions.defaults());
        Path target = dir.resolve("out.ome.zarr");
        try (VolumeReader in = Volumes.open(source.toString())) {
            VolumeWriter zarr = Volumes.create(VolumeLocation.of(target), in.info(),
                    WriteOptions.defaults().withChunk(new int[] {2, 64, 64}));
            try (VolumeWriter failing = new SlowWriterFailingAt(6, zarr)) {
                VolumeCopy copy = VolumeCopy.from(in).optThreads(4).build();
                VemsegException e = assertThrows(VemsegException.class, () -> copy.into(failing, Progress.NONE));
                assertEquals("disk full (simulated)", e.getMessage());
                assertEquals(0, liveThreads("vemseg-copy"), "copy returned while its workers still ran");
            }
        }
        Thread.sleep(500); // a worker left running would write its next chunk now
        assertEquals(List.of("in.tif"), entries(dir), "no output and no temporary");
    }

    private static long liveThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Storage that takes 100 ms per block whether or not the thread is interrupted (like decoding a slab), and
     * fails at its {@code failAt}-th block.
     */
    private static final class SlowWriterFailingAt implements VolumeWriter {
        private final int failAt;
        private final VolumeWriter real;
        private final AtomicInteger writes = new AtomicInteger();

        SlowWriterFailingAt(int failAt, VolumeWriter real) {
            this.failAt = failAt;
            this.real = real;
        }

        @Override
        public VolumeInfo info() {
            return real.info();
        }

        @Override
        public void write(Block block) {
            if (writes.incrementAndGet() == failAt) {
                throw new VemsegException("disk full (simulated)");
            }
            busyFor(100);
            real.write(block);
        }

        @Override
        public void commit() {
            real.commit();
        }

        @Override
        public void close() {
            real.close();
        }

        private static void busyFor(long millis) {
            long end = System.nanoTime() + millis * 1_000_000;
            boolean interrupted = false;
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
