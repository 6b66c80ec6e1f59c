package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.model.Architecture;

class EngineProfileTest {

    @TempDir
    Path dir;

    @Test
    void theDeveloperOptionWritesTheEnginesTraceOfTheProfiledIterations() throws Exception {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        Path trace = dir.resolve("trace.json");
        TrainingConfig c = TrainingConfig.builder(d[0], d[1], dir.resolve("p.vsm"))
                .optForeground(OptionalInt.of(1)).optArch(Architecture.RESUNET).optWidth(0.125)
                .optPatch(64).optBatch(2).optSeed(5).optIterations((int) EngineProfile.LAST + 1).build();
        System.setProperty("vemseg.profile", trace.toString());
        try {
            new Trainer().run(c, Progress.NONE);
        } finally {
            System.clearProperty("vemseg.profile");
        }
        String json = Files.readString(trace);
        assertTrue(json.contains("aten::mkldnn_convolution") || json.contains("aten::convolution"), "convolutions");
        assertTrue(json.contains("convolution_backward"), "the backward pass is in the window");
    }

    @Test
    void aTraceInAMissingFolderIsRefusedBeforeTraining() {
        System.setProperty("vemseg.profile", dir.resolve("missing").resolve("trace.json").toString());
        try {
            VemsegException e = assertThrows(VemsegException.InvalidInput.class, Trainer::new);
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        } finally {
            System.clearProperty("vemseg.profile");
        }
    }

    @Test
    void withoutThePropertyNothingIsProfiled() {
        System.clearProperty("vemseg.profile");
        assertFalse(EngineProfile.requested().isPresent());
    }
}
