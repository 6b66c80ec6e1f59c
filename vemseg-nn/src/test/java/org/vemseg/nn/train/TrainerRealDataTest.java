package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.testing.SharedData;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.model.Architecture;

/** Short trainings on the CDeep3M mitochondria slices: the loss must fall. */
class TrainerRealDataTest {

    @TempDir
    Path dir;

    @Test
    void resunetLossFallsOnCdeep3mMitochondria() throws Exception {
        Path train = SharedData.require("cdeep3m-mito/train");
        Path out = dir.resolve("mito.vsm");
        TrainingConfig c = TrainingConfig.builder(train.resolve("images"), train.resolve("labels"), out)
                .optArch(Architecture.RESUNET).optPatch(96).optBatch(4).optIterations(60).optSeed(11).build();
        TrainingResult r = new Trainer().run(c, Progress.NONE);
        double[] loss = r.members().get(0).losses();
        assertEquals(60, loss.length);
        double first = Arrays.stream(loss, 0, 10).average().orElseThrow();
        double last = Arrays.stream(loss, 50, 60).average().orElseThrow();
        System.out.printf("resunet default width, patch 96, batch 4: %.2f it/s, loss %.3f -> %.3f%n",
                r.members().get(0).iterationsPerSecond(), first, last);
        assertTrue(last < first, "mean loss of the last 10 iterations " + last + " ≥ first 10 " + first);

        ModelManifest m = ModelBundle.readManifest(out);
        assertEquals(List.of(1024L, 1024L), List.of(m.members().get(0).provenance().trainingShape()[1],
                m.members().get(0).provenance().trainingShape()[2]));
        assertEquals(61, Files.readAllLines(c.log()).size(), "CSV header + one row per iteration");
    }

    /**
     * A ×2 downsampled training on the real slices: the loss falls, the bundle records the factor, and the
     * validation (which runs the network through {@code Downsampling} on full-resolution slices) scores
     * mitochondria better than labelling every voxel foreground would (IoU = the foreground fraction,
     * about 0.08 on these slices).
     */
    @Test
    void downsampledTrainingLearnsAndValidatesAtFullResolution() throws Exception {
        Path train = SharedData.require("cdeep3m-mito/train");
        Path valid = SharedData.require("cdeep3m-mito/valid");
        Path out = dir.resolve("mito-x2.vsm");
        TrainingConfig c = TrainingConfig.builder(train.resolve("images"), train.resolve("labels"), out)
                .optValidation(valid.resolve("images"), valid.resolve("labels"))
                .optArch(Architecture.RESUNET).optPatch(96).optBatch(4).optIterations(80).optValidateEvery(80)
                .optDownsample(2).optSeed(5).build();
        TrainingResult r = new Trainer().run(c, Progress.NONE);
        TrainingResult.Member member = r.members().get(0);
        double first = Arrays.stream(member.losses(), 0, 10).average().orElseThrow();
        double last = Arrays.stream(member.losses(), 70, 80).average().orElseThrow();
        System.out.printf("resunet ×2, patch 96, batch 4: loss %.3f -> %.3f, validation IoU %s%n", first, last,
                Arrays.toString(member.bestIoU()));
        assertTrue(last < first, "mean loss of the last 10 iterations " + last + " ≥ first 10 " + first);
        assertEquals(2, ModelBundle.readManifest(out).downsample());
        assertTrue(member.bestIoU()[1] > 0.15, "validation IoU of mitochondria " + member.bestIoU()[1]);
    }
}
