package org.vemseg.nn.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.testing.SharedData;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.pretrain.BenchmarkResult.Init;
import org.vemseg.nn.train.OptimizerKind;

class BenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void isbiSplitHoldsOutTheLastFiveSlicesWithMembraneAsForeground() {
        Path data = SharedData.require("isbi2012").getParent();
        BenchmarkDataset.Split s = BenchmarkDataset.ISBI2012.prepare(data, dir);
        LabelledVolume train = LabelledVolume.read(s.trainImages(), s.trainLabels(), s.mapping());
        LabelledVolume valid = LabelledVolume.read(s.validImages(), s.validLabels(), s.mapping());
        assertArrayEquals(new long[] {25, 512, 512}, train.shape());
        assertArrayEquals(new long[] {5, 512, 512}, valid.shape());
        // membranes (label 0) are the minority class, about 22 % of pixels
        long[] counts = valid.classCounts(2);
        double fg = counts[1] / (double) (counts[0] + counts[1]);
        assertEquals(0.22, fg, 0.05);
    }

    @Test
    void tableHasDatasetsAsRowsAndInitialisationsAsColumns() throws Exception {
        BenchmarkConfig c = new BenchmarkConfig(List.of(BenchmarkDataset.LUCCHI_PP, BenchmarkDataset.ISBI2012), dir,
                dir.resolve("enc.weights"), 300, dir.resolve("table.md"), dir, 160, 4, OptimizerKind.ADAMW, 3e-3, 1,
                false);
        BenchmarkResult r = new BenchmarkResult(c, List.of(
                new BenchmarkResult.Row(BenchmarkDataset.LUCCHI_PP, "s", Init.RANDOM, 300, 2, 0.5, 0.6667, 0.3),
                new BenchmarkResult.Row(BenchmarkDataset.LUCCHI_PP, "s", Init.PRETRAINED, 300, 2, 0.625, 0.7692, 0.2),
                new BenchmarkResult.Row(BenchmarkDataset.ISBI2012, "s", Init.RANDOM, 300, 1, 0.7, 0.8235, 0.4),
                new BenchmarkResult.Row(BenchmarkDataset.ISBI2012, "s", Init.PRETRAINED, 300, 1, 0.65, 0.7879, 0.4)));
        r.save();
        List<String> md = Files.readAllLines(c.out());
        assertEquals("| lucchi-pp | 0.5000 | 0.6250 | +0.1250 |", md.get(2));
        assertEquals("| isbi2012 | 0.7000 | 0.6500 | -0.0500 |", md.get(3));
        List<String> csv = Files.readAllLines(dir.resolve("table.csv"));
        assertEquals(5, csv.size());
        assertEquals("lucchi-pp,pretrained,300,2.00,0.6250,0.7692,0.2000", csv.get(2));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkDataset.fromString("kasthuri"));
    }
}
