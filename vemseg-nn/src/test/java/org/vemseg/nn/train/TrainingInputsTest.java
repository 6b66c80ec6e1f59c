package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** Bad input fails before training with one line naming the file. */
class TrainingInputsTest {

    @TempDir
    Path dir;

    private VemsegException fails(TrainingConfig c) {
        VemsegException e = assertThrows(VemsegException.class, () -> new Trainer().run(c, Progress.NONE));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private TrainingConfig.Builder on(Path img, Path lab) {
        return TrainingConfig.builder(img, lab, dir.resolve("m.vsm")).optPatch(64).optBatch(1).optIterations(1)
                .optWidth(0.125);
    }

    @Test
    void labelValuesOtherThanBinaryNeedForeground() {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 1);
        VemsegException e = fails(on(d[0], d[1]).build());
        assertTrue(e.getMessage().startsWith(d[1] + ": unexpected label values [0, 1, 2]"), e.getMessage());
    }

    @Test
    void imagesAndLabelsOfDifferentShapeAreRejected() {
        Path[] a = TrainingData.synthetic(dir, 3, 64, 1);
        Path[] b = TrainingData.synthetic(dir, 3, 96, 2);
        VemsegException e = fails(on(a[0], b[1]).build());
        assertTrue(e.getMessage().contains("images and labels differ in shape"), e.getMessage());
        assertTrue(e.getMessage().contains("3 x 64 x 64") && e.getMessage().contains("3 x 96 x 96"), e.getMessage());
    }

    @Test
    void patchLargerThanTheSlicesIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 1);
        VemsegException e = fails(on(d[0], d[1]).optForeground(OptionalInt.of(1)).optPatch(96)
                .build());
        assertEquals(d[0] + ": patch 96 px is larger than the slices (64×64); use a smaller 'patch'", e.getMessage());
    }

    @Test
    void patchLargerThanTheDownsampledSlicesIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 1);
        VemsegException e = fails(on(d[0], d[1]).optForeground(OptionalInt.of(1)).optPatch(64)
                .optDownsample(2).build());
        assertEquals(d[0] + ": patch 64 px is larger than the slices (64×64, 32×32 after 'downsample' 2); use a "
                + "smaller 'patch'", e.getMessage());
    }

    @Test
    void fewerSlicesThanFramesIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 1);
        VemsegException e = fails(on(d[0], d[1]).optForeground(OptionalInt.of(1))
                .optFrames(List.of(1, 5)).build());
        assertEquals(d[0] + ": 3 slice(s), fewer than the 5 frames requested", e.getMessage());
    }

    @Test
    void outputInAMissingFolderIsRejectedAndExistingOutputNeedsOverwrite() throws Exception {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 1);
        Path out = dir.resolve("no/such/folder/m.vsm");
        VemsegException e = fails(TrainingConfig.builder(d[0], d[1], out).optPatch(64).optIterations(1).build());
        assertTrue(e.getMessage().startsWith(out + ": cannot write output"), e.getMessage());
        Path existing = Files.writeString(dir.resolve("m.vsm"), "x");
        VemsegException ex = fails(on(d[0], d[1]).build());
        assertEquals(existing + ": output exists; use 'overwrite' to replace it", ex.getMessage());
    }

    @Test
    void binaryZeroTo255LabelsAreAccepted() {
        Block lab = Block.allocate(Box.ofShape(1, 64, 64), DataType.UINT8);
        for (int i = 0; i < 64 * 32; i++) {
            lab.set(i, 255);
        }
        Block img = Block.allocate(Box.ofShape(1, 64, 64), DataType.UINT8);
        for (int i = 0; i < img.size(); i++) {
            img.set(i, i % 251);
        }
        Path li = TrainingData.write(dir.resolve("lab"), lab);
        Path ii = TrainingData.write(dir.resolve("img"), img);
        TrainingInputs in = TrainingInputs.prepare(on(ii, li).build());
        assertEquals(64 * 32, in.train().classCounts(2)[1]);
        float[] w = in.classWeights();
        assertEquals(1.0, 0.5 * w[0] + 0.5 * w[1], 1e-6, "auto weights average 1 per voxel");
    }

    @Test
    void withMoreThanTwoClassesLabelValuesOfTheClassCountOrMoreAreRejected() {
        Block lab = Block.allocate(Box.ofShape(1, 64, 64), DataType.UINT8);
        Block img = Block.allocate(Box.ofShape(1, 64, 64), DataType.UINT8);
        for (int i = 0; i < img.size(); i++) {
            lab.set(i, i % 4 == 3 ? 5 : i % 4);
            img.set(i, i % 251);
        }
        Path li = TrainingData.write(dir.resolve("lab"), lab);
        Path ii = TrainingData.write(dir.resolve("img"), img);
        VemsegException e = fails(on(ii, li).optClasses(3).build());
        assertEquals(li + ": unexpected label values [5] for 'classes' 3; expected class indices 0-2 (exclude other "
                + "values with 'ignore' V)", e.getMessage());
    }

    @Test
    void aClassThatNeverOccursInTheTrainingLabelsIsRejected() {
        Path[] d = TrainingData.synthetic(dir, 3, 64, 1);
        VemsegException e = fails(on(d[0], d[1]).optClasses(4).build());
        assertEquals(d[1] + ": class(es) [3] of 'classes' 4 never occur in the training labels; every class needs "
                + "examples", e.getMessage());
        VemsegException ignored = fails(on(d[0], d[1]).optClasses(3).optForeground(OptionalInt.empty())
                .optIgnore(OptionalInt.of(1))
                .build());
        assertTrue(ignored.getMessage().startsWith(d[1] + ": class(es) [1] of 'classes' 3 never occur"),
                ignored.getMessage());
    }

    @Test
    void classNamesMustNameEveryClassAndDefaultToBackgroundAndNumberedClasses() {
        Path[] d = {dir.resolve("img"), dir.resolve("lab")};
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> on(d[0], d[1]).optClasses(3).optClassNames(List.of("background", "mito")).build());
        assertEquals("'classNames' gives 2 name(s) for 3 classes", e.getMessage());
        assertEquals(List.of("background", "class1", "class2"),
                on(d[0], d[1]).optClasses(3).build().data().classNames());
        assertEquals(List.of("background", "foreground"), on(d[0], d[1]).build().data().classNames());
    }
}
