package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ResUNet;

/**
 * Training with more than two classes on the synthetic EM volume, whose labels are class indices already:
 * 0 background, 1 mitochondrion, 2 membrane.
 */
class MultiClassTrainingTest {

    @TempDir
    Path dir;

    private TrainingConfig.Builder threeClasses(Path[] d, String out) {
        return small(d, out).optClasses(3);
    }

    /** A binary run on the same labels: mitochondria against the rest. */
    private TrainingConfig.Builder mitochondria(Path[] d, String out) {
        return small(d, out).optForeground(OptionalInt.of(1));
    }

    private TrainingConfig.Builder small(Path[] d, String out) {
        return TrainingConfig.builder(d[0], d[1], dir.resolve(out)).optArch(Architecture.RESUNET).optWidth(0.125)
                .optPatch(64).optBatch(2).optSeed(5);
    }

    @Test
    void aShortRunLearnsBothForegroundClassesWellAboveChance() throws Exception {
        Path[] train = TrainingData.synthetic(dir, 8, 128, 21);
        Path[] valid = TrainingData.synthetic(dir, 4, 128, 22);
        TrainingConfig c = threeClasses(train, "three.vsm").optValidation(valid[0], valid[1]).optBatch(4)
                .optClassNames(List.of("background", "mitochondrion", "membrane")).optIterations(160)
                .optValidateEvery(40)
                .build();
        TrainingResult r = new Trainer().run(c, Progress.NONE);

        double[] iou = r.members().get(0).bestIoU();
        assertEquals(3, iou.length);
        // Mitochondria are 20 % and membranes 9 % of the training voxels; guessing a class at random with its
        // frequency p scores IoU p / (2 − p): 0.11 and 0.05. This run (about 10 s on 2 cores) reaches 0.84 and 0.58.
        assertTrue(iou[1] > 0.6, "mitochondrion IoU " + iou[1]);
        assertTrue(iou[2] > 0.35, "membrane IoU " + iou[2]);

        ModelManifest m = ModelBundle.readManifest(c.out());
        assertEquals(List.of("background", "mitochondrion", "membrane"), m.classNames());
        assertEquals(3, m.members().get(0).spec().classes());
        assertEquals("3 classes", m.members().get(0).provenance().hyperParameters().get("labelMapping"));
        List<String> log = Files.readAllLines(c.log());
        assertEquals(TrainingLog.HEADER + ",val_iou_1,val_iou_2", log.get(0));
        String best = String.valueOf(m.members().get(0).provenance().bestIteration());
        String[] row = log.stream().map(l -> l.split(",", -1)).filter(f -> f[1].equals(best)).findFirst()
                .orElseThrow();
        assertEquals(9, row.length);
        assertEquals(SegmentationMetrics.foregroundMean(iou), Double.parseDouble(row[5]), 1e-4,
                "val_iou is the mean of the foreground classes");
        assertEquals(iou[1], Double.parseDouble(row[7]), 1e-4);
        assertEquals(iou[2], Double.parseDouble(row[8]), 1e-4);
    }

    @Test
    void initFromABinaryModelKeepsEverythingButTheClassLayers() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        TrainingConfig binary = mitochondria(d, "bin.vsm").optIterations(2).build();
        new Trainer().run(binary, Progress.NONE);
        TrainingConfig c = threeClasses(d, "three.vsm").optIterations(1).optInit(binary.out()).optFreezeEncoder(true)
                .optOptimizer(OptimizerKind.SGD).build();
        new Trainer().run(c, Progress.NONE);

        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet a = (ResUNet) ModelBundle.load(binary.out(), m).members().get(0);
            ResUNet b = (ResUNet) ModelBundle.load(c.out(), m).members().get(0);
            ParameterList ea = a.encoder().getParameters();
            ParameterList eb = b.encoder().getParameters();
            int compared = 0;
            for (int i = 0; i < ea.size(); i++) {
                Parameter.Type t = ea.valueAt(i).getType();
                if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                    assertArrayEquals(ea.valueAt(i).getArray().toFloatArray(), eb.valueAt(i).getArray().toFloatArray(),
                            0f, ea.keyAt(i));
                    compared++;
                }
            }
            assertTrue(compared > 20);
            ParameterList pb = b.getParameters();
            assertEquals(3, pb.valueAt(pb.size() - 1).getArray().getShape().get(0), "head bias has 3 classes");
        }
        var provenance = ModelBundle.readManifest(c.out()).members().get(0).provenance();
        assertEquals(binary.out().toString(), provenance.initialisedFrom());
        assertEquals("re-initialised (2 parameters; the initial model has another class count)",
                provenance.hyperParameters().get("initClassLayers"));
    }

    @Test
    void resumingWithAnotherClassCountIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 4, 64, 9);
        Trainer stopping = new Trainer();
        TrainingConfig c = threeClasses(d, "r.vsm").optIterations(4).build();
        TrainingResult first = stopping.run(c, new StopAtStart(stopping));
        assertTrue(first.interrupted());
        TrainingConfig binary = mitochondria(d, "r.vsm").optIterations(4).optResume(true).build();
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> new Trainer().run(binary, Progress.NONE));
        assertEquals(c.checkpoint(1) + ": checkpoint was trained for 3 classes but 'classes' 2 was given; resume "
                + "with 'classes' 3 or remove it", e.getMessage());
        assertFalse(Files.exists(c.out()));
    }

    /** Asks the trainer to stop as soon as it starts, as an early Ctrl-C would. */
    private record StopAtStart(Trainer trainer) implements Progress {
        @Override
        public void start(String task, long total, String unit) {
            trainer.requestStop();
        }

        @Override
        public void advance(long amount) {
        }

        @Override
        public void finish() {
        }
    }
}
