package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.predict.TestPredictors.MeanFilter;
import org.vemseg.core.transform.GeometricVariant;
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
        PredictionPlan plan = roundTrip(p.plan(reader.info(), chunk, false, Optional.of(DataType.FLOAT32)));
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
     * Useful compute is output voxels over computed tile pixels: one whole-plane tile of 40 x 32 (40 x 30 rounded up
     * to 8) for 40 x 30 outputs, or, with tiles of 24 (valid 20 between tiles, stride 16), 2 x 2 tiles per slice, the
     * first ones trusted from the plane's edge. With a mirror border as wide as the halo (2), as before it was 0 by
     * default: 48 x 40, or 3 x 2 tiles.
     */
    @Test
    void usefulComputeIsOutputOverComputedPixels() {
        Block in = TiledPredictionTest.volume(3, 40, 30, 23);
        VolumeInfo info = new InMemoryVolumeReader(in).info();
        MeanFilter net = new MeanFilter(1, Integer.MAX_VALUE, 2, 3, 8);
        PredictionPlan whole = TiledPrediction.builder().addModel(net, NORM).optOverlap(4).build()
                .plan(info, new int[] {1, 40, 30}, false, Optional.empty());
        assertEquals(new TileGeometry(40, 32, 2, 4, 8, 0), whole.geometry());
        assertEquals(40.0 * 30 / (40 * 32), whole.usefulCompute(), 1e-12);
        PredictionPlan tiled = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(4).build()
                .plan(info, new int[] {1, 40, 30}, false, Optional.empty());
        assertEquals(40.0 * 30 / (2 * 2 * 24 * 24), tiled.usefulCompute(), 1e-12);

        PredictionPlan wholeHalo = TiledPrediction.builder().addModel(net, NORM).optOverlap(4)
                .optBorder(TiledPrediction.HALO_BORDER).build()
                .plan(info, new int[] {1, 40, 30}, false, Optional.empty());
        assertEquals(new TileGeometry(48, 40, 2, 4, 8, 2), wholeHalo.geometry());
        assertEquals(40.0 * 30 / (48 * 40), wholeHalo.usefulCompute(), 1e-12);
        PredictionPlan tiledHalo = TiledPrediction.builder().addModel(net, NORM).optTile(24).optOverlap(4)
                .optBorder(TiledPrediction.HALO_BORDER).build()
                .plan(info, new int[] {1, 40, 30}, false, Optional.empty());
        assertEquals(40.0 * 30 / (3 * 2 * 24 * 24), tiledHalo.usefulCompute(), 1e-12);
    }

    /**
     * A plane in one tile with a border of 0 computes only the plane rounded up to the multiple (useful compute 1 for
     * 40 x 32); it equals the full-context prediction away from the borders and differs within the filter's radius.
     */
    @Test
    void aNarrowerBorderPaysOnlyForThePlaneAndChangesOnlyItsRim() {
        Block in = TiledPredictionTest.volume(2, 40, 32, 24);
        InMemoryVolumeReader reader = new InMemoryVolumeReader(in);
        MeanFilter net = new MeanFilter(1, Integer.MAX_VALUE, 2, 3, 8);
        TiledPrediction narrow = TiledPrediction.builder().addModel(net, NORM).optOverlap(4).optBorder(0)
                .optOutputType(OutputType.PROB32).build();
        PredictionPlan plan = narrow.plan(reader.info(), new int[] {1, 40, 32}, false, Optional.empty());
        assertEquals(new TileGeometry(40, 32, 2, 4, 8, 0), plan.geometry());
        assertEquals(1.0, plan.usefulCompute(), 1e-12);
        InMemoryVolumeWriter w = new InMemoryVolumeWriter(2, 40, 32, DataType.FLOAT32, new int[] {1, 40, 32}, false);
        narrow.run(reader, w, Progress.NONE);
        w.commit();
        float[] got = w.result().floats();
        // The same filter without the multiple, for a reference padded by the halo (44 x 36).
        float[] reference = WholeImageReference.predict(in, new MeanFilter(1, Integer.MAX_VALUE, 2, 3, 1), NORM,
                GeometricVariant.first(1), 2);
        int plane = 40 * 32;
        double inside = 0;
        double rim = 0;
        for (int i = 0; i < got.length; i++) {
            int y = i % plane / 32;
            int x = i % 32;
            double d = Math.abs(got[i] - reference[got.length + i]);
            if (y >= 2 && y < 38 && x >= 2 && x < 30) {
                inside = Math.max(inside, d);
            } else {
                rim = Math.max(rim, d);
            }
        }
        assertTrue(inside < 1e-5, "away from the borders: " + inside);
        assertTrue(rim > 1e-3, "the rim sees the tile's edge instead of mirrored context: " + rim);
        assertThrows(VemsegException.InvalidInput.class, () -> TiledPrediction.builder().addModel(net, NORM)
                .optBorder(3).build());
    }

    @Test
    void aPlanListsTheSameUnitsAsItsRunReads() {
        Block in = TiledPredictionTest.volume(4, 40, 40, 22);
        TiledPrediction p = TiledPrediction.builder().addModel(new MeanFilter(3, 24, 2, 3, 1), NORM).optTile(24)
                .optOverlap(6).optBudgetBytes(1).build();
        InMemoryVolumeReader reader = new InMemoryVolumeReader(in);
        VolumeInfo info = reader.info();
        PredictionPlan plan = p.plan(info, new int[] {1, 40, 40}, false, Optional.empty());
        p.run(reader, new InMemoryVolumeWriter(4, 40, 40, DataType.UINT8, new int[] {1, 40, 40}, false),
                Progress.NONE);
        assertEquals(plan.units().stream().map(PredictionUnit::inputBox).toList(), reader.requests());
    }
}
