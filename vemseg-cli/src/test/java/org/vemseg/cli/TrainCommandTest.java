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
    void weightAveragingRunsInEachModeAndInfoSaysWhatTheModelKeeps() {
        Path[] d = data();
        for (String mode : new String[] {"ema", "swa"}) {
            Path out = dir.resolve(mode + ".vsm");
            CliRun r = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                    out.toString(), "--foreground", "1", "--iterations", "4", "--width", "0.125", "--patch", "64",
                    "--batch", "2", "--holdout-slices", "0", "--weight-average", mode, "-q");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("  kept the " + mode + " average (no validation)"), r.out());
            CliRun info = CliRun.of("info", out.toString());
            assertTrue(info.out().matches("(?s).*weightAverage\\s+" + mode + "\\R.*"), info.out());
            assertTrue(info.out().matches("(?s).*keptWeights\\s+the " + mode
                    + " average \\(no validation\\)\\R.*"), info.out());
        }
        CliRun bad = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                dir.resolve("bad.vsm").toString(), "--weight-average", "mean");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("vemseg: error: Invalid value for option '--weight-average': unknown weight "
                + "averaging 'mean'; valid: none, ema, swa"), bad.err());
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
        assertTrue(arch.err().startsWith("vemseg: error: Invalid value for option '--arch': unknown architecture "
                + "'vgg'; "
                + "valid: resunet, resunet50, deepem3d"),
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

    @Test
    void aThreeClassModelPredictsAClassMaskThatEvaluateScoresPerClass() throws Exception {
        Path[] d = data();
        Path out = dir.resolve("three.vsm");
        CliRun r = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(),
                "--valid-images", d[0].toString(), "--valid-labels", d[1].toString(), "--out", out.toString(),
                "--classes", "3", "--class-names", "background,mitochondrion,membrane", "--iterations", "2",
                "--width", "0.125", "--patch", "64", "--batch", "2", "--validate-every", "2", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*best validation IoU [0-9.]+, F1 [0-9.]+ \\(mean of classes 1-2; IoU per "
                + "class \\[[0-9.]+, [0-9.]+, [0-9.]+\\]\\).*"), r.out());
        assertTrue(Files.readAllLines(dir.resolve("three.vsm.log.csv")).get(0).endsWith(",val_iou_1,val_iou_2"));
        CliRun info = CliRun.of("info", out.toString());
        assertTrue(info.out().matches("(?s).*classes\\s+background, mitochondrion, membrane\\R.*"), info.out());

        Path mask = dir.resolve("mask.tif");
        CliRun p = CliRun.of("predict", "--model", out.toString(), "--input", d[0].toString(), "--output",
                mask.toString(), "--output-type", "mask", "--tile", "64", "--halo", "16", "--overlap", "0", "-q");
        assertEquals(0, p.exitCode(), p.err());
        try (var reader = Volumes.open(mask.toString())) {
            var block = reader.readAll();
            for (int i = 0; i < block.size(); i++) {
                assertTrue(block.get(i) >= 0 && block.get(i) <= 2, "class index " + block.get(i));
            }
        }
        CliRun e = CliRun.of("evaluate", "--prediction", mask.toString(), "--labels", d[1].toString(), "--classes");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("class 0") && e.out().contains("class 1") && e.out().contains("class 2"),
                e.out());
    }

    @Test
    void multiClassBadInputIsOneLineWithExitCode2() {
        Path[] d = data();
        String out = dir.resolve("m.vsm").toString();
        CliRun fg = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out", out,
                "--classes", "3", "--foreground", "1");
        assertEquals(2, fg.exitCode());
        assertTrue(fg.err().startsWith("vemseg: error: --foreground selects the class of a binary run and cannot be "
                + "used with --classes 3"), fg.err());

        CliRun names = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out", out,
                "--classes", "3", "--class-names", "background,mitochondrion");
        assertEquals(2, names.exitCode());
        assertTrue(names.err().startsWith("vemseg: error: --class-names gives 2 name(s) for 3 classes"), names.err());

        CliRun missing = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out", out,
                "--classes", "4", "--patch", "64", "-q");
        assertEquals(2, missing.exitCode());
        assertEquals("vemseg: error: " + d[1] + ": class(es) [3] of --classes 4 never occur in the training labels; "
                + "every class needs examples", missing.err().strip());

        CliRun one = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out", out,
                "--classes", "1");
        assertEquals(2, one.exitCode());
        assertTrue(one.err().startsWith("vemseg: error: classes must be between 2 and 255 but was 1"), one.err());
        assertFalse(Files.exists(dir.resolve("m.vsm.log.csv")), "nothing was started");
    }
}
