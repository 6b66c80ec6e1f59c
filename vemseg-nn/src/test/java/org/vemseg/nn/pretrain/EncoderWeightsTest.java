package org.vemseg.nn.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.bundle.EncoderWeights;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.ResUNet;
import org.vemseg.nn.train.Trainer;
import org.vemseg.nn.train.TrainingConfig;
import org.vemseg.nn.train.TrainingResult;

class EncoderWeightsTest {

    @TempDir
    Path dir;

    private Path pretrained() {
        return pretrained("resnet18", 0.125);
    }

    private Path pretrained(String arch, double width) {
        Path patches = Patches.write(dir, 2, 64, 9);
        Path out = dir.resolve(arch + ".weights");
        new Pretrainer().run(PretrainConfig.builder(patches, out).optArch(ResNetDepth.fromString(arch))
                .optWidth(width).optSize(32).optBatch(8).optQueue(16).optIterations(2).build(), Progress.NONE);
        return out;
    }

    private TrainingConfig.Builder training(Path encoder) {
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(3, 64, 64), new VoxelSize(30, 8, 8), 4).generate();
        Path img = dir.resolve("img");
        Path lab = dir.resolve("lab");
        Volumes.write(VolumeLocation.of(img), s.image(), Optional.empty(), WriteOptions.defaults());
        Volumes.write(VolumeLocation.of(lab), s.labels(), Optional.empty(), WriteOptions.defaults());
        return TrainingConfig.builder(img, lab, dir.resolve("m.vsm"))
                .optForeground(java.util.OptionalInt.of(1)).optIgnore(java.util.OptionalInt.of(2)).optPatch(64)
                .optBatch(1)
                .optIterations(1).optEncoderWeights(encoder);
    }

    @Test
    void pretrainedEncoderLoadsIntoAResUNetUnchanged() {
        EncoderWeights w = EncoderWeights.load(pretrained());
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125);
        w.checkFits(spec, dir);
        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet net = (ResUNet) spec.newInitializedBlock(m);
            byte[] before = ModelBundle.parameters(net.encoder());
            w.loadInto(net.encoder(), 1, m, dir);
            assertFalse(java.util.Arrays.equals(before, ModelBundle.parameters(net.encoder())));
            assertArrayEquals(w.params(), ModelBundle.parameters(net.encoder()));
        }
    }

    @Test
    void trainingStartsFromTheEncoderForAnyFrameCountAndRejectsAnotherWidth() {
        Path enc = pretrained();
        TrainingConfig.Builder b = training(enc);

        TrainingResult r = new Trainer().run(b.optWidth(0.125).build(), Progress.NONE);
        assertFalse(r.interrupted());
        assertEquals(enc.toString(), ModelBundle.readManifest(dir.resolve("m.vsm")).members().get(0).provenance()
                .hyperParameters().get("encoderWeights"));

        VemsegException wide = assertThrows(VemsegException.InvalidInput.class,
                () -> new Trainer().run(b.optWidth(0.25).optOverwrite(true).build(), Progress.NONE));
        assertTrue(wide.getMessage().contains("width 0.125") && wide.getMessage().contains("'width' 0.125"),
                wide.getMessage());
        TrainingResult three = new Trainer().run(b.optWidth(0.125).optFrames(List.of(3)).optOverwrite(true).build(),
                Progress.NONE);
        assertFalse(three.interrupted());
        assertEquals(3, ModelBundle.readManifest(dir.resolve("m.vsm")).members().get(0).frames());
        assertThrows(VemsegException.InvalidInput.class, () -> b.optFrames(List.of(1)).optArch(Architecture.DEEPEM3D)
                .optPatch(64).build());
    }

    /**
     * A 1-frame encoder in a 3-frame network: on a stack of three identical frames it must compute exactly the
     * pre-trained features (stem filters spread over the frames and divided by 3; without the division the stem's
     * response would triple and the features differ).
     */
    @Test
    void aOneFrameEncoderGivesAThreeFrameNetworkTheSameFeaturesOnEqualFrames() {
        Path enc = pretrained();
        EncoderWeights w = EncoderWeights.load(enc);
        NetworkSpec one = new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125);
        NetworkSpec three = new NetworkSpec(Architecture.RESUNET, 3, 2, 0.125);
        w.checkFits(three, enc);
        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet a = (ResUNet) one.newInitializedBlock(m);
            ResUNet b = (ResUNet) three.newInitializedBlock(m);
            w.loadInto(a.encoder(), 1, m, enc);
            w.loadInto(b.encoder(), 3, m, enc);
            NDArray x = m.randomNormal(new Shape(2, 1, 64, 64));
            NDList fa = a.encoder().forward(new ParameterStore(m, false), new NDList(x), false);
            NDList fb = b.encoder().forward(new ParameterStore(m, false), new NDList(x.repeat(1, 3)), false);
            assertEquals(5, fa.size());
            for (int i = 0; i < fa.size(); i++) {
                float scale = fa.get(i).abs().max().getFloat();
                float diff = fa.get(i).sub(fb.get(i)).abs().max().getFloat();
                assertTrue(scale > 0 && diff <= 1e-4f * Math.max(1f, scale), "feature map " + i + ": max |difference| "
                        + diff + " (max |value| " + scale + ")");
            }
            NDArray distinct = m.randomNormal(new Shape(2, 3, 64, 64));
            NDArray other = b.encoder().forward(new ParameterStore(m, false), new NDList(distinct), false).get(4);
            assertTrue(other.sub(fb.get(4)).abs().max().getFloat() > 1e-3f, "distinct frames must change the features");
        }
    }

    @Test
    void onlyOneFrameEncodersStartNetworksOfAnotherFrameCount() {
        Path enc = pretrained();
        EncoderWeights w = EncoderWeights.load(enc);
        EncoderWeights.Header h = w.header();
        EncoderWeights threeFrames = new EncoderWeights(new EncoderWeights.Header(h.format(), h.version(), h.arch(),
                h.width(), h.base(), 3, h.method(), h.iterations(), h.patches(), h.vemsegVersion(), h.created()),
                w.params());
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> threeFrames.checkFits(new NetworkSpec(Architecture.RESUNET, 5, 2, 0.125), enc));
        assertEquals(enc + ": encoder was pre-trained on 3-frame input but the network takes 5 frames; use 'frames' 3 "
                + "(only 1-frame encoders start networks of other frame counts)", e.getMessage());
        threeFrames.checkFits(new NetworkSpec(Architecture.RESUNET, 3, 2, 0.125), enc);
    }

    @Test
    void resnet50WeightsStartAResunet50AndOnlyThat() {
        Path enc = pretrained("resnet50", 0.0625);
        EncoderWeights w = EncoderWeights.load(enc);
        assertEquals("resnet50", w.header().arch());
        assertEquals(4, w.header().base());
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET50, 1, 2, 0.0625);
        w.checkFits(spec, enc);
        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet net = (ResUNet) spec.newInitializedBlock(m);
            w.loadInto(net.encoder(), 1, m, enc);
            assertArrayEquals(w.params(), ModelBundle.parameters(net.encoder()));
        }

        TrainingConfig.Builder b = training(enc).optArch(Architecture.RESUNET50).optWidth(0.0625);
        TrainingResult r = new Trainer().run(b.build(), Progress.NONE);
        assertFalse(r.interrupted());
        assertEquals("resunet50", ModelBundle.readManifest(dir.resolve("m.vsm")).members().get(0).architecture());

        VemsegException intoR18 = assertThrows(VemsegException.InvalidInput.class, () -> new Trainer()
                .run(b.optArch(Architecture.RESUNET).optOverwrite(true).build(), Progress.NONE));
        assertEquals(enc + ": encoder weights are resnet50 but 'arch' resunet has a resnet18 encoder; use 'arch' "
                + "resunet50", intoR18.getMessage());
    }

    @Test
    void resnet18WeightsAreRefusedByAResunet50NamingBothEncoders() {
        Path enc = pretrained();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class, () -> EncoderWeights.load(enc)
                .checkFits(new NetworkSpec(Architecture.RESUNET50, 1, 2, 0.125), enc));
        assertEquals(enc + ": encoder weights are resnet18 but 'arch' resunet50 has a resnet50 encoder; use 'arch' "
                + "resunet", e.getMessage());
        VemsegException deep = assertThrows(VemsegException.InvalidInput.class, () -> EncoderWeights.load(enc)
                .checkFits(new NetworkSpec(Architecture.DEEPEM3D, 1, 2, 0.125), enc));
        assertEquals(enc + ": encoder weights need a U-Net ('arch' resunet or resunet50), not deepem3d",
                deep.getMessage());
    }

    @Test
    void aFileThatIsNotEncoderWeightsIsRejectedNamingIt() throws Exception {
        Path bad = dir.resolve("bad.weights");
        Files.writeString(bad, "not a zip");
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> EncoderWeights.load(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
