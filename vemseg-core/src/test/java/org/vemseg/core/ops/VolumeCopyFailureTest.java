package org.vemseg.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.vemseg.core.testing.FailingWriter;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

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
            try (VolumeWriter failing = new FailingWriter(zarr, 6, 100)) {
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
}
