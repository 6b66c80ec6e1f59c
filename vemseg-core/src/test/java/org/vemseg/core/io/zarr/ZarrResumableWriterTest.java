package org.vemseg.core.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/** An interrupted chunk-by-chunk write continues where it stopped and gives the same volume. */
class ZarrResumableWriterTest {

    @TempDir
    Path dir;

    private final Block data = SyntheticVolumes.random(new Box(0, 0, 0, 5, 40, 50), DataType.UINT16, 7);
    private final VolumeInfo info = VolumeInfo.ofSlices(5, 40, 50, DataType.UINT16, Optional.empty());
    private final WriteOptions options = WriteOptions.defaults().withChunk(new int[] {2, 16, 16});

    @Test
    void interruptedWriteResumesSkippingFinishedChunks() {
        VolumeLocation out = VolumeLocation.parse(dir.resolve("pred.zarr").toString());
        List<Box> grid;
        try (ResumableWriter w = Volumes.createResumable(out, info, options, false)) {
            assertFalse(w.resumed());
            grid = BlockGrid.of(w.info());
            for (Box b : grid.subList(0, grid.size() / 2)) {
                w.write(data.crop(b));
            }
            // no commit: the run is "interrupted"
        }
        assertFalse(Files.exists(dir.resolve("pred.zarr")), "nothing visible at the target before commit");
        assertTrue(Files.isDirectory(AtomicOutput.partialPath(dir.resolve("pred.zarr"))));

        VemsegException e = assertThrows(VemsegException.class,
                () -> Volumes.createResumable(out, info, options, false));
        assertTrue(e.getMessage().contains("'resume'"), e.getMessage());

        try (ResumableWriter w = Volumes.createResumable(out, info, options, true)) {
            assertTrue(w.resumed());
            int skipped = 0;
            for (Box b : grid) {
                if (w.isWritten(b)) {
                    skipped++;
                } else {
                    w.write(data.crop(b));
                }
            }
            assertEquals(grid.size() / 2, skipped);
            w.commit();
        }
        assertFalse(Files.exists(AtomicOutput.partialPath(dir.resolve("pred.zarr"))));
        try (VolumeReader r = Volumes.open(out)) {
            assertBlockEquals(data, r.readAll());
        }
    }

    @Test
    void partialOutputOfAnotherShapeIsRefused() {
        VolumeLocation out = VolumeLocation.parse(dir.resolve("p.zarr").toString());
        try (ResumableWriter w = Volumes.createResumable(out, info, options, false)) {
            w.write(data.crop(BlockGrid.of(w.info()).get(0)));
        }
        VolumeInfo other = VolumeInfo.ofSlices(6, 40, 50, DataType.UINT16, Optional.empty());
        VemsegException e = assertThrows(VemsegException.class,
                () -> Volumes.createResumable(out, other, options, true));
        assertTrue(e.getMessage().contains("different shape"), e.getMessage());
    }

    @Test
    void resumableOutputNeedsZarr() {
        VolumeLocation out = VolumeLocation.parse(dir.resolve("p.tif").toString());
        assertThrows(VemsegException.Unsupported.class, () -> Volumes.createResumable(out, info, options, true));
    }
}
