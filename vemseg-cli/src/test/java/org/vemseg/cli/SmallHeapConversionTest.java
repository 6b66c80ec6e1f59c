package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SyntheticVolumes;
import org.vemseg.core.testing.VolumeAsserts;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A volume four times larger than the heap converts: a 1 GiB TIFF becomes OME-Zarr and back in a child
 * JVM limited to {@code -Xmx256m}, so peak memory does not grow with the volume.
 */
class SmallHeapConversionTest {

    @TempDir
    Path dir;

    @Test
    void oneGibVolumeConvertsWith256MibHeap() throws Exception {
        long depth = 64;
        long side = 4096; // 64 x 4096 x 4096 uint8 = 1 GiB
        Path tif = dir.resolve("big.tif");
        VolumeInfo info = VolumeInfo.ofSlices(depth, side, side, DataType.UINT8, Optional.empty());
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(tif), info, WriteOptions.defaults())) {
            for (Box b : BlockGrid.of(w.info())) {
                w.write(SyntheticVolumes.ramp(b, DataType.UINT8));
            }
            w.commit();
        }
        assertEquals(1L << 30, Files.size(tif), 1 << 20);

        Path zarr = dir.resolve("big.ome.zarr");
        Path back = dir.resolve("back.tif");
        runSmallHeap("convert", tif.toString(), zarr.toString(), "-q", "--levels", "2");
        runSmallHeap("convert", zarr.toString(), back.toString(), "-q");

        try (VolumeReader r = Volumes.open(back.toString())) {
            for (Box probe : List.of(new Box(0, 0, 0, 1, 64, 64), new Box(63, 4000, 4000, 1, 96, 96),
                    new Box(31, 2047, 1000, 2, 3, 300))) {
                VolumeAsserts.assertBlockEquals(SyntheticVolumes.ramp(probe, DataType.UINT8), r.read(probe));
            }
        }
    }

    private static void runSmallHeap(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "vemseg " + String.join(" ", args) + " with -Xmx256m:\n" + output);
    }
}
