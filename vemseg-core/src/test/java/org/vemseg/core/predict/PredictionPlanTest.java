package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vemseg.core.Progress;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.predict.TestPredictors.MeanFilter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A plan travels (serialised, as to another machine) and its units run one by one, in any order, into the same
 * voxels as the whole prediction.
 */
class PredictionPlanTest {

    private static final Normalization NORM = new Normalization(128, 40);

    @Test
    void unitsOfASerialisedPlanRunInAnyOrderToTheSameOutput() throws Exception {
        Block in = TiledPredictionTest.volume(7, 70, 53, 21);
        int[] chunk = {2, 16, 16};
        // A small budget cuts planes into bands, so units differ in y and x as well as z.
        TiledPrediction p = TiledPrediction.builder().addModel(new MeanFilter(3, 24, 2, 3, 1), NORM).optTile(24)
                .optOverlap(6).optOutputType(OutputType.PROB32).optBudgetBytes(30_000).build();
        InMemoryVolumeWriter whole = writer(chunk);
        InMemoryVolumeWriter wholeSpread = writer(chunk);
        p.run(new InMemoryVolumeReader(in), whole, Optional.of(wholeSpread), Progress.NONE);

        InMemoryVolumeReader reader = new InMemoryVolumeReader(in);
        PredictionPlan plan = roundTrip(p.plan("input", reader.info(), chunk, false, Optional.of(DataType.FLOAT32)));
        List<PredictionUnit> units = new ArrayList<>(roundTrip(new ArrayList<>(plan.units())));
        assertTrue(units.size() > 3 && units.stream().anyMatch(u -> u.box().height() < 70), "banded units");
        Set<Box> blocks = new HashSet<>();
        for (PredictionUnit u : units) {
            assertTrue(u.inputBox().contains(u.box()), "a unit reads at least its own voxels");
            u.blocks().forEach(b -> assertTrue(blocks.add(b), "each block belongs to one unit"));
        }
        assertEquals(new HashSet<>(BlockGrid.of(whole.info())), blocks);

        Collections.shuffle(units, new Random(5));
        InMemoryVolumeWriter pieces = writer(chunk);
        InMemoryVolumeWriter piecesSpread = writer(chunk);
        for (PredictionUnit u : units) {
            plan.execute(u, p, reader, pieces, Optional.of(piecesSpread));
        }
        assertArrayEquals(whole.result().floats(), pieces.result().floats());
        assertArrayEquals(wholeSpread.result().floats(), piecesSpread.result().floats());
    }

    private static InMemoryVolumeWriter writer(int[] chunk) {
        return new InMemoryVolumeWriter(7, 70, 53, DataType.FLOAT32, chunk, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /**
     * Useful compute is output voxels over computed tile pixels: one whole-plane tile of 56 x 48 (40 x 30 plus a halo
     * of 2, rounded up to 8) for 40 x 30 outputs, or, with tiles of 24 (valid 20, stride 16), 3 x 2 tiles per slice.
     */
    @Test
    void usefulComputeIsOutputOverComputedPixels() {
        Block in = TiledPredictionTest.volume(3, 40, 30, 23);
        VolumeInfo info = new InMemoryVolumeReader(in).info();
        MeanFilter net = new MeanFilter(1, Integer.MAX_VALUE, 2, 3, 8);
        PredictionPlan whole = TiledPrediction.builder().addModel(net, NORM).optOverlap(4).build()
                .plan("input", info, new int[] {1, 40, 30}, false, Optional.empty());
        assertEquals(48, whole.geometry().tileHeight());
        assertEquals(40, whole.geometry().tileWidth());
        assertEquals(40.0 * 30 / (48 * 40), whole.usefulCompute(), 1e-12);
        PredictionPlan tiled = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(4).build()
                .plan("input", info, new int[] {1, 40, 30}, false, Optional.empty());
        assertEquals(40.0 * 30 / (3 * 2 * 24 * 24), tiled.usefulCompute(), 1e-12);
    }

    @Test
    void aPlanListsTheSameUnitsAsItsRunReads() {
        Block in = TiledPredictionTest.volume(4, 40, 40, 22);
        TiledPrediction p = TiledPrediction.builder().addModel(new MeanFilter(3, 24, 2, 3, 1), NORM).optTile(24)
                .optOverlap(6).optBudgetBytes(1).build();
        InMemoryVolumeReader reader = new InMemoryVolumeReader(in);
        VolumeInfo info = reader.info();
        PredictionPlan plan = p.plan("input", info, new int[] {1, 40, 40}, false, Optional.empty());
        p.run(reader, new InMemoryVolumeWriter(4, 40, 40, DataType.UINT8, new int[] {1, 40, 40}, false),
                Progress.NONE);
        assertEquals(plan.units().stream().map(PredictionUnit::inputBox).toList(), reader.requests());
    }
}
