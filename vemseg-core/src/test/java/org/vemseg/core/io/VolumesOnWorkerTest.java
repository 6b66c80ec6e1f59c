package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class VolumesOnWorkerTest {

    @TempDir
    Path dir;

    @Test
    void theVolumeTheDriverPlannedOpens() {
        Path tif = dir.resolve("in.tif");
        Volumes.write(VolumeLocation.of(tif), SyntheticVolumes.random(Box.ofShape(3, 20, 30), DataType.UINT8, 1),
                Optional.empty(), WriteOptions.defaults());
        try (VolumeReader r = Volumes.openOnWorker(VolumeLocation.of(tif), Box.ofShape(3, 20, 30))) {
            assertEquals(Box.ofShape(3, 20, 30), r.info().bounds());
        }
    }

    @Test
    void aVolumeOfAnotherShapeIsRefusedNamingBothShapes() {
        Path tif = dir.resolve("in.tif");
        Volumes.write(VolumeLocation.of(tif), SyntheticVolumes.random(Box.ofShape(3, 20, 30), DataType.UINT8, 1),
                Optional.empty(), WriteOptions.defaults());
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> Volumes.openOnWorker(VolumeLocation.of(tif), Box.ofShape(4, 20, 30)));
        assertEquals(tif + ": a worker sees a volume of " + Box.ofShape(3, 20, 30).shapeString()
                + ", but the driver planned " + Box.ofShape(4, 20, 30).shapeString(), e.getMessage());
    }

    @Test
    void aMissingInputSaysItMustBeOnSharedStorage() {
        Path missing = dir.resolve("gone.tif");
        VemsegException e = assertThrows(VemsegException.IO.class,
                () -> Volumes.openOnWorker(VolumeLocation.of(missing), Box.ofShape(1, 1, 1)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().endsWith("(on a worker: the input must be on storage every node sees, at the same "
                + "path)"), e.getMessage());
    }
}
