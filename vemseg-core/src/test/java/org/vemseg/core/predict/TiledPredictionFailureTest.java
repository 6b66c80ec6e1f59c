package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.predict.TestPredictors.MeanFilter;
import org.vemseg.core.testing.FailingWriter;
import org.vemseg.core.testing.Uninterruptibly;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A prediction whose output fails part-way returns only once its read-ahead and write-behind threads ended, so
 * the caller's cleanup of the output never races with them.
 */
class TiledPredictionFailureTest {

    @Test
    void aFailingOutputStopsTheIoThreadsBeforeTheErrorReachesTheCaller() {
        Block in = TiledPredictionTest.volume(6, 70, 53, 1);
        TiledPrediction p = TiledPrediction.builder().addModel(new MeanFilter(3, 24, 2, 3, 1),
                new Normalization(128, 40)).optTile(24).optOverlap(6).optOutputType(OutputType.PROB32)
                .optBudgetBytes(30_000).build();
        VolumeWriter failing = new FailingWriter(new InMemoryVolumeWriter(6, 70, 53, DataType.FLOAT32,
                new int[] {1, 8, 53}, true), 2, 0);
        VemsegException e = assertThrows(VemsegException.class,
                () -> p.run(new SlowReader(new InMemoryVolumeReader(in)), failing, Progress.NONE));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("vemseg-predict-io") && t.isAlive()).count(),
                "the prediction returned while its I/O threads still ran");
    }

    /** A reader that takes 200 ms per read whether or not the thread is interrupted, like a slow disk. */
    private record SlowReader(VolumeReader real) implements VolumeReader {
        @Override
        public VolumeInfo info() {
            return real.info();
        }

        @Override
        public Block read(Box box) {
            Uninterruptibly.sleep(200);
            return real.read(box);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
