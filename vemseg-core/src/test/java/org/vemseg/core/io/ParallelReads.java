package org.vemseg.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.vemseg.core.testing.VolumeAsserts;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

/** Checks that a reader shared by several threads returns what one thread reads. */
public final class ParallelReads {

    private ParallelReads() {
    }

    /**
     * Reads the whole volume, then boxes {@code box(0..15)} on 4 threads at once, and asserts each equals
     * the same part of the whole.
     */
    public static void assertMatchSequential(VolumeReader reader, IntFunction<Box> box) throws Exception {
        Block all = reader.readAll();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                Box b = box.apply(t);
                jobs.add(pool.submit(() -> VolumeAsserts.assertBlockEquals(all.crop(b), reader.read(b))));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
