package org.vemseg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class EvaluationTest {

    /**
     * One 4x4 slice. Truth: left half (x < 2) foreground. Prediction (float): x < 3 in rows 0-1, x < 1 in
     * rows 2-3. Row by row: rows 0-1 have TP 2, FP 1, TN 1; rows 2-3 have TP 1, FN 1, TN 2.
     * So TP 6, FP 2, FN 2, TN 6.
     */
    @Test
    void handComputedCountsAndScores() {
        Block truth = Block.allocate(Box.ofShape(1, 4, 4), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(1, 4, 4), DataType.FLOAT32);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                truth.set(y * 4 + x, x < 2 ? 255 : 0);
                pred.set(y * 4 + x, x < (y < 2 ? 3 : 1) ? 0.9 : 0.1);
            }
        }
        EvaluationReport r = run(pred, truth, EvaluationOptions.defaults());
        ConfusionCounts c = r.foreground().counts();
        assertEquals(new ConfusionCounts(6, 2, 2, 6), c);
        assertEquals(0.75, r.foreground().precision(), 1e-12);
        assertEquals(0.75, r.foreground().recall(), 1e-12);
        assertEquals(0.75, r.foreground().f1(), 1e-12);
        assertEquals(0.6, r.foreground().jaccard(), 1e-12);
        assertEquals(0.75, r.accuracy(), 1e-12);
        // Background is the mirror image: TP 6, FP 2, FN 2, TN 6 as well, by symmetry of this example.
        assertEquals(new ConfusionCounts(6, 2, 2, 6), r.classes().get(0).counts());
        assertEquals(1, r.slices().size());
    }

    /**
     * Exclusion zone 1 drops the boundary voxels on both sides of the truth's edge: columns 1 and 2. Left: columns
     * 0 (truth 1) and 3 (truth 0). Prediction column 0: all 1 -> TP 4; column 3: all 0 -> TN 4. Perfect.
     */
    @Test
    void exclusionZoneRemovesVoxelsNextToTheLabelBoundary() {
        Block truth = Block.allocate(Box.ofShape(1, 4, 4), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(1, 4, 4), DataType.UINT8);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                truth.set(y * 4 + x, x < 2 ? 1 : 0);
                pred.set(y * 4 + x, x < (y < 2 ? 3 : 1) ? 230 : 10); // uint8 0-255 probabilities
            }
        }
        EvaluationReport without = run(pred, truth, EvaluationOptions.defaults());
        assertEquals(new ConfusionCounts(6, 2, 2, 6), without.foreground().counts());
        EvaluationReport with = run(pred, truth, EvaluationOptions.defaults().withExclusionZone(1));
        assertEquals(new ConfusionCounts(4, 0, 0, 4), with.foreground().counts());
        assertEquals(8, with.excludedVoxels());
        assertEquals(1.0, with.foreground().jaccard());
        // Zone 2: columns 0..3 are all within distance < 2 of a boundary column.
        EvaluationReport wide = run(pred, truth, EvaluationOptions.defaults().withExclusionZone(2));
        assertEquals(16, wide.excludedVoxels());
    }

    /**
     * Class maps, one 3x3 slice. Truth rows: 0 0 1 / 1 1 2 / 2 2 2; prediction: 0 1 1 / 1 1 2 / 2 0 2. Two
     * errors: (0,1) true 0 predicted 1, (2,1) true 2 predicted 0. Class 0: TP 1, FP 1, FN 1, TN 6; class 1: TP 3,
     * FP 1, FN 0, TN 5; class 2: TP 3, FP 0, FN 1, TN 5; accuracy 7/9.
     */
    @Test
    void classMapsAreScoredPerClass() {
        int[] truthValues = {0, 0, 1, 1, 1, 2, 2, 2, 2};
        int[] predValues = {0, 1, 1, 1, 1, 2, 2, 0, 2};
        Block truth = Block.allocate(Box.ofShape(1, 3, 3), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(1, 3, 3), DataType.UINT16);
        for (int i = 0; i < 9; i++) {
            truth.set(i, truthValues[i]);
            pred.set(i, predValues[i]);
        }
        EvaluationReport r = run(pred, truth, EvaluationOptions.defaults().withMulticlass(true));
        assertEquals(3, r.classes().size());
        assertEquals(new ConfusionCounts(1, 1, 1, 6), r.classes().get(0).counts());
        assertEquals(new ConfusionCounts(3, 1, 0, 5), r.classes().get(1).counts());
        assertEquals(new ConfusionCounts(3, 0, 1, 5), r.classes().get(2).counts());
        assertEquals(7.0 / 9, r.accuracy(), 1e-12);
        assertEquals(3, r.slices().get(0).size());
        assertEquals("class 2", r.slices().get(0).get(2).name());
        assertTrue(r.tableWithSlices().contains("z 0 class 1"));
        Block fractional = Block.allocate(Box.ofShape(1, 3, 3), DataType.FLOAT32);
        fractional.set(4, 0.5);
        assertThrows(VemsegException.InvalidInput.class,
                () -> run(fractional, truth, EvaluationOptions.defaults().withMulticlass(true)));
        assertThrows(VemsegException.InvalidInput.class,
                () -> run(pred, truth, EvaluationOptions.defaults().withMulticlass(true).withObjects(true)));
    }

    @Test
    void shapeMismatchIsAOneLineError() {
        Block a = Block.allocate(Box.ofShape(1, 4, 4), DataType.FLOAT32);
        Block b = Block.allocate(Box.ofShape(2, 4, 4), DataType.UINT8);
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> run(a, b, EvaluationOptions.defaults()));
        assertTrue(e.getMessage().contains("1 x 4 x 4") && e.getMessage().contains("2 x 4 x 4"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void floatValuesOutsideUnitRangeAreRejected() {
        Block a = Block.allocate(Box.ofShape(1, 2, 2), DataType.FLOAT32);
        a.set(3, 7.5);
        Block b = Block.allocate(Box.ofShape(1, 2, 2), DataType.UINT8);
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> run(a, b, EvaluationOptions.defaults()));
        assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());
    }

    /** Truth: 3 cubes. Prediction: cube 1 exact, cube 2 half covered (IoU 0.5), cube 3 missed, 1 false blob. */
    @Test
    void objectsAreMatchedByIou() {
        Block truth = Block.allocate(Box.ofShape(4, 10, 30), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(4, 10, 30), DataType.UINT8);
        fill(truth, 0, 2, 2, 4, 2, 4);      // 2x2x2 = 8 voxels
        fill(pred, 0, 2, 2, 4, 2, 4);
        fill(truth, 0, 2, 2, 4, 10, 14);    // 2x2x4 = 16 voxels
        fill(pred, 0, 2, 2, 4, 10, 12);     // the first half: IoU 8/16 = 0.5
        fill(truth, 0, 2, 2, 4, 20, 22);    // missed
        fill(pred, 3, 4, 7, 9, 25, 27);     // false positive
        EvaluationReport r = run(pred, truth, EvaluationOptions.defaults().withObjects(true));
        ObjectMatching.Result o = r.objects();
        assertEquals(3, o.predicted());
        assertEquals(3, o.truth());
        assertEquals(2, o.matched());
        assertEquals(2.0 / 3, o.precision(), 1e-12);
        assertEquals(2.0 / 3, o.recall(), 1e-12);
        assertEquals(0, o.countError());
        assertEquals(0.75, o.meanIou(), 1e-12);
    }

    /**
     * Post-processing is scored: truth is a 5x5 square in each of 2 slices; the prediction is its outline (a
     * ring around a 3x3 hole) plus a 2-voxel speck. Unprocessed: TP 32, FP 2, FN 18. Filling holes adds the 18
     * hole voxels as true positives; removing objects under 3 voxels drops the speck, a false positive.
     */
    @Test
    void postProcessedPredictionIsScoredAndItsEffectReported(@TempDir Path dir) throws Exception {
        Block truth = Block.allocate(Box.ofShape(2, 8, 12), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(2, 8, 12), DataType.UINT8);
        fill(truth, 0, 2, 1, 6, 1, 6);
        fill(pred, 0, 2, 1, 6, 1, 6);
        for (int z = 0; z < 2; z++) {
            for (int y = 2; y < 5; y++) {
                for (int x = 2; x < 5; x++) {
                    pred.set(pred.index(z, y, x), 0);
                }
            }
        }
        fill(pred, 0, 1, 3, 4, 9, 11);
        EvaluationOptions plain = EvaluationOptions.defaults().withObjects(true);
        EvaluationReport none = run(pred, truth, plain);
        assertEquals(new ConfusionCounts(32, 2, 18, 140), none.foreground().counts());
        assertEquals(2, none.objects().predicted());
        assertNull(none.postProcessing());
        PostProcessing holes = new PostProcessing(HoleFilling.SLICE, 1);
        EvaluationReport filled = run(pred, truth, plain.withPostProcessing(holes));
        assertEquals(new ConfusionCounts(50, 2, 0, 140), filled.foreground().counts());
        assertEquals(18, filled.postProcessing().filledVoxels());
        // 3D filling finds no hole: the ring's hole is open through both faces of the 2-slice volume.
        EvaluationReport filled3d = run(pred, truth, plain.withPostProcessing(new PostProcessing(HoleFilling.VOLUME,
                1)));
        assertEquals(none.foreground().counts(), filled3d.foreground().counts());
        EvaluationReport both = run(pred, truth, plain.withPostProcessing(new PostProcessing(HoleFilling.SLICE, 3)));
        assertEquals(new ConfusionCounts(50, 0, 0, 142), both.foreground().counts());
        assertEquals(1, both.objects().predicted());
        assertEquals(1, both.objects().matched());
        assertEquals(1, both.postProcessing().removedObjects());
        assertEquals(2, both.postProcessing().removedVoxels());
        assertTrue(both.table().contains("post-processing fill holes 2d, min size 3 voxels: filled 18 hole voxels; "
                + "removed 1 objects (2 voxels) smaller than 3 voxels; 1 objects left"), both.table());
        both.writeJson(dir.resolve("r.json"), false);
        JsonObject p = JsonParser.parseString(Files.readString(dir.resolve("r.json"))).getAsJsonObject()
                .getAsJsonObject("post_processing");
        assertEquals("2d", p.get("fill_holes").getAsString());
        assertEquals(1, p.get("removed_objects").getAsInt());
        assertThrows(VemsegException.InvalidInput.class,
                () -> run(pred, truth, EvaluationOptions.defaults().withMulticlass(true).withPostProcessing(holes)));
    }

    /**
     * Boundary maps on a 5x5 slice: truth has a vertical wall at x = 2 (two cells of 10 pixels). A perfect
     * prediction scores Rand error 0 and VI 0. A prediction without the wall merges the two cells: with the
     * true wall pixels ignored, sum n_ij^2 = 10^2 + 10^2 = 200, sum p_j^2 = 20^2 = 400 (one merged cell),
     * sum t_i^2 = 200, so Rand merge = 0.5 and Rand split = 1.
     */
    @Test
    void randAndViOfBoundaryMaps() {
        Block truth = Block.allocate(Box.ofShape(1, 5, 5), DataType.UINT8);
        Block perfect = Block.allocate(Box.ofShape(1, 5, 5), DataType.UINT8);
        Block merged = Block.allocate(Box.ofShape(1, 5, 5), DataType.UINT8);
        for (int y = 0; y < 5; y++) {
            truth.set(y * 5 + 2, 1);
            perfect.set(y * 5 + 2, 1);
        }
        EvaluationOptions opts = EvaluationOptions.defaults().withBoundary(true);
        BoundaryScores good = run(perfect, truth, opts).boundary();
        assertEquals(0, good.randError(), 1e-12);
        assertEquals(0, good.vi(), 1e-12);
        BoundaryScores bad = run(merged, truth, opts).boundary();
        assertEquals(1.0, bad.randSplit(), 1e-12);
        assertEquals(0.5, bad.randMerge(), 1e-12); // the prediction merged two cells
        assertEquals(1 - 2 * 0.5 / 1.5, bad.randError(), 1e-12);
        assertEquals(0, bad.viSplit(), 1e-12);
        assertEquals(1.0, bad.viMerge(), 1e-12); // one bit: which of the two true cells
    }

    @Test
    void jsonAndCsvAreWritten(@TempDir Path dir) throws Exception {
        Block truth = Block.allocate(Box.ofShape(2, 3, 3), DataType.UINT8);
        Block pred = Block.allocate(Box.ofShape(2, 3, 3), DataType.UINT8);
        truth.set(4, 1);
        EvaluationReport r = run(pred, truth, EvaluationOptions.defaults().withObjects(true));
        r.writeJson(dir.resolve("r.json"), false);
        r.writeCsv(dir.resolve("r.csv"), false);
        JsonObject j = JsonParser.parseString(Files.readString(dir.resolve("r.json"))).getAsJsonObject();
        assertEquals(2, j.getAsJsonArray("slices").size());
        assertTrue(j.getAsJsonArray("classes").get(1).getAsJsonObject().get("precision").isJsonNull());
        assertEquals(0, j.getAsJsonObject("objects").get("matched").getAsInt());
        List<String> csv = Files.readAllLines(dir.resolve("r.csv"));
        assertEquals("scope,class,tp,fp,fn,tn,precision,recall,f1,jaccard,accuracy", csv.get(0));
        assertEquals(1 + 2 + 2 + 1, csv.size());
        assertTrue(r.table().contains("foreground"));
        assertNull(r.boundary());
    }

    private static void fill(Block b, int z0, int z1, int y0, int y1, int x0, int x1) {
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    b.set(b.index(z, y, x), 1);
                }
            }
        }
    }

    private static EvaluationReport run(Block pred, Block truth, EvaluationOptions o) {
        return Evaluation.run(MemoryVolume.of(pred), "pred", MemoryVolume.of(truth), "truth", o);
    }
}
