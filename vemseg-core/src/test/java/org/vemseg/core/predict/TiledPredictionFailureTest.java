package org.vemseg.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.predict.TestPredictors.MeanFilter;
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
        VolumeWriter failing = new FailingAtSecondWrite(new InMemoryVolumeWriter(6, 70, 53, DataType.FLOAT32,
                new int[] {1, 8, 53}, true));
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
            long end = System.nanoTime() + 200_000_000L;
            boolean interrupted = false;
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return real.read(box);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private static final class FailingAtSecondWrite implements VolumeWriter {
        private final VolumeWriter real;
        private final AtomicInteger writes = new AtomicInteger();

        FailingAtSecondWrite(VolumeWriter real) {
            this.real = real;
        }

        @Override
        public VolumeInfo info() {
            return real.info();
        }

        @Override
        public boolean isSequential() {
            return real.isSequential();
        }

        @Override
        public void write(Block block) {
            if (writes.incrementAndGet() == 2) {
                throw new VemsegException("disk full (simulated)");
            }
            real.write(block);
        }

        @Override
        public void commit() {
            real.commit();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
