package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.Volumes;

class TrainCommandTest {

    @TempDir
    Path dir;

    private Path[] data() {
        return SyntheticFiles.labelled(dir, 4);
    }

    @Test
    void trainsATinyEnsembleAndInfoPrintsTheModel() {
        Path[] d = data();
        Path out = dir.resolve("model.vsm");
        CliRun r = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(),
                "--valid-images", d[0].toString(), "--valid-labels", d[1].toString(), "--out", out.toString(),
                "--foreground", "1", "--ignore", "2", "--frames", "1,3", "--iterations", "2", "--width", "0.125",
                "--patch", "64", "--batch", "1", "--validate-every", "1", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1-frame resunet: 2 iterations"), r.out());
        assertTrue(r.out().contains("3-frame resunet: 2 iterations"), r.out());
        assertTrue(Files.exists(out));
        assertTrue(Files.exists(dir.resolve("model.vsm.log.csv")));
        assertFalse(Files.exists(dir.resolve("model.vsm.f1.ckpt")));

        CliRun info = CliRun.of("info", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().matches("(?s).*members\\s+2\\R.*"), info.out());
        assertTrue(info.out().contains("[1] resunet, 3 frame(s), width 0.125"), info.out());
        assertTrue(info.out().contains("valid IoU"), info.out());
    }

    @Test
    void aDownsampledModelSaysSoAndPredictsAtFullResolution() {
        Path[] d = data();
        Path out = dir.resolve("half.vsm");
        CliRun r = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                out.toString(), "--foreground", "1", "--iterations", "2", "--width", "0.125", "--patch", "32",
                "--batch", "2", "--downsample", "2", "-q");
        assertEquals(0, r.exitCode(), r.err());
        CliRun info = CliRun.of("info", out.toString());
        assertTrue(info.out().contains("2x in y and x before the network"), info.out());
        Path pred = dir.resolve("pred.tif");
        CliRun p = CliRun.of("predict", "--model", out.toString(), "--input", d[0].toString(), "--output",
                pred.toString(), "--halo", "16", "--tile", "128", "--overlap", "0", "-q");
        assertEquals(0, p.exitCode(), p.err());
        try (var reader = Volumes.open(pred.toString())) {
            assertEquals(4, reader.info().depth());
            assertEquals(64, reader.info().height());
            assertEquals(64, reader.info().width());
        }
    }

    @Test
    void badInputIsOneLineWithExitCode2() {
        Path[] d = data();
        Path out = dir.resolve("m.vsm");
        CliRun labels = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                out.toString(), "--patch", "64", "-q");
        assertEquals(2, labels.exitCode());
        assertEquals("vemseg: error: " + d[1] + ": unexpected label values [0, 1, 2]; expected binary 0/1 or "
                + "0/255, or name the class with --foreground V", labels.err().strip());

        CliRun arch = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                out.toString(), "--arch", "vgg");
        assertEquals(2, arch.exitCode());
        assertTrue(arch.err().startsWith("vemseg: error: unknown architecture 'vgg'; valid: resunet, resunet50, "
                + "deepem3d"),
                arch.err());

        CliRun patch = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                out.toString(), "--patch", "100");
        assertEquals(2, patch.exitCode());
        assertTrue(patch.err().contains("patch must be a positive multiple of 32"), patch.err());

        CliRun tiny = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                out.toString(), "--patch", "32", "--batch", "1");
        assertEquals(2, tiny.exitCode());
        assertTrue(tiny.err().contains("patch 32 with batch 1 is too small for resunet: use --patch 64 or --batch 2"),
                tiny.err());

        CliRun downsample = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                out.toString(), "--downsample", "3");
        assertEquals(2, downsample.exitCode());
        assertTrue(downsample.err().contains("downsample must be 1, 2 or 4 but was 3"), downsample.err());

        CliRun notModel = CliRun.of("info", d[0].resolveSibling("x.vsm").toString());
        assertEquals(2, notModel.exitCode());
    }
}
