package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --arch resunet50} from pre-training to training to {@code info}, at a tiny width. */
class ResUNet50CommandsTest {

    @TempDir
    Path dir;

    @Test
    void pretrainedResNet50StartsATrainedResunet50ThatInfoNames() throws IOException {
        Path weights = dir.resolve("r50.weights");
        CliRun pre = CliRun.of("pretrain", "--patches", SyntheticFiles.noisePatches(dir).toString(),
                "--out", weights.toString(), "--arch", "resnet50", "--width", "0.0625", "--size", "32",
                "--batch", "8", "--queue", "16", "--iterations", "2", "-q");
        assertEquals(0, pre.exitCode(), pre.err());

        Path[] d = SyntheticFiles.labelled(dir, 2);
        Path model = dir.resolve("r50.vsm");
        CliRun train = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                model.toString(), "--foreground", "1", "--arch", "resunet50", "--width", "0.0625",
                "--encoder-weights", weights.toString(), "--frames", "1", "--iterations", "2", "--patch", "64",
                "--batch", "2", "-q");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("1-frame resunet50: 2 iterations"), train.out());

        CliRun info = CliRun.of("info", model.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("[0] resunet50, 1 frame(s), width 0.0625"), info.out());

        CliRun mismatch = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                dir.resolve("r18.vsm").toString(), "--foreground", "1", "--arch", "resunet", "--width", "0.0625",
                "--encoder-weights", weights.toString(), "--iterations", "2", "--patch", "64", "-q");
        assertEquals(2, mismatch.exitCode());
        assertEquals("vemseg: error: " + weights + ": encoder weights are resnet50 but --arch resunet has a resnet18 "
                + "encoder; use --arch resunet50", mismatch.err().strip());
    }

    @Test
    void theTwoArchVocabulariesPointToEachOther() {
        CliRun pre = CliRun.of("pretrain", "--patches", dir.toString(), "--out", dir.resolve("w").toString(),
                "--arch", "resunet50");
        assertEquals(2, pre.exitCode());
        assertTrue(pre.err().startsWith("vemseg: error: Invalid value for option '--arch': 'resunet50' is a network, "
                + "not an encoder: its encoder is resnet50 (valid: resnet18, resnet50)"), pre.err());
        Path[] d = SyntheticFiles.labelled(dir, 2);
        CliRun train = CliRun.of("train", "--images", d[0].toString(), "--labels", d[1].toString(), "--out",
                dir.resolve("m.vsm").toString(), "--arch", "resnet50");
        assertEquals(2, train.exitCode());
        assertTrue(train.err().startsWith("vemseg: error: Invalid value for option '--arch': 'resnet50' is an "
                + "encoder, not a network: the U-Net with it is resunet50"), train.err());

        String help = (CliRun.of("pretrain", "--help").out() + CliRun.of("train", "--help").out())
                .replaceAll("\\s+", " ");
        assertTrue(help.contains("resnet50 (for train --arch resunet50)"), help);
        assertTrue(help.contains("pretrain --arch resnet50"), help);
    }
}
