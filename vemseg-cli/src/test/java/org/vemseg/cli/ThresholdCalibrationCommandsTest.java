package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.Block;

/** The calibrated threshold from train to predict, info, analyze and evaluate. */
class ThresholdCalibrationCommandsTest {

    @TempDir
    Path dir;

    @Test
    void trainCalibratesAndEveryCommandThatThresholdsSaysWhichThresholdItUsed() {
        Path[] d = SyntheticFiles.labelled(dir, 4);
        Path model = dir.resolve("model.vsm");
        CliRun train = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(),
                "--valid-images", d[0].toString(), "--valid-labels", d[1].toString(), "--out", model.toString(),
                "--foreground", "1", "--iterations", "20", "--width", "0.125", "--patch", "64", "--batch", "2",
                "--validate-every", "10", "-q");
        assertEquals(0, train.exitCode(), train.err());
        Matcher m = Pattern.compile("mask threshold calibrated to (0\\.\\d{3}) on 4 validation slices").matcher(
                train.out());
        assertTrue(m.find(), train.out());
        String t = m.group(1);
        assertTrue(CliRun.of("info", model.toString()).out().contains("mask threshold   " + t + ", calibrated"));

        Path prob = dir.resolve("prob.tif");
        Path mask = dir.resolve("mask.tif");
        String[] tiling = {"--tile", "64", "--halo", "16", "--overlap", "0", "-q"};
        assertEquals(0, CliRun.of(concat(new String[] {"predict", "--model", model.toString(), "--input",
                d[0].toString(), "--output", prob.toString()}, tiling)).exitCode());
        CliRun p = CliRun.of(concat(new String[] {"predict", "--model", model.toString(), "--input", d[0].toString(),
                "--output", mask.toString(), "--output-type", "mask"}, tiling));
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().contains("mask threshold " + t + " (calibrated in model.vsm)"), p.out());
        // the mask is the prob8 map cut at the calibrated threshold, voxel for voxel
        try (var pr = Volumes.open(prob.toString()); var mr = Volumes.open(mask.toString())) {
            Block pb = pr.readAll();
            Block mb = mr.readAll();
            double level = Double.parseDouble(t) * 255;
            int differ = 0;
            for (int i = 0; i < pb.size(); i++) {
                differ += (pb.get(i) > level ? 1 : 0) != (int) mb.get(i) ? 1 : 0;
            }
            assertEquals(0, differ, "voxels where mask and prob8 > threshold differ");
        }

        CliRun e = CliRun.of("evaluate", "--prediction", prob.toString(), "--labels", d[1].toString(),
                "--label-value", "1", "--model", model.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("threshold " + t + " (calibrated in model.vsm)"), e.out());
        CliRun given = CliRun.of("evaluate", "--prediction", prob.toString(), "--labels", d[1].toString(),
                "--label-value", "1", "--model", model.toString(), "--threshold", "0.5");
        assertTrue(given.out().contains("threshold 0.500 (given)"), given.out());
        CliRun a = CliRun.of("analyze", "--input", prob.toString(), "--out", dir.resolve("objects").toString(),
                "--model", model.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertTrue(a.out().contains("threshold " + t + " (calibrated in model.vsm)"), a.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
