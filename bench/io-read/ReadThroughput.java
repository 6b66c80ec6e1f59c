// Reads a whole volume with vemseg, block by block on all cores, and prints the best of N runs.
// Run: java -cp vemseg-cli/target/vemseg.jar bench/io-read/ReadThroughput.java VOLUME [RUNS]
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

public class ReadThroughput {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = Runtime.getRuntime().availableProcessors();
        double best = Double.MAX_VALUE;
        long checksum = 0;
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            try (VolumeReader r = Volumes.open(args[0])) {
                VolumeInfo info = r.info();
                int[] c = info.chunk();
                // Read units of whole chunk rows: what a pipeline streaming the volume does.
                int[] unit = {c[0], c[1], (int) info.width()};
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<Long>> parts = new ArrayList<>();
                for (Box b : new BlockGrid(info.bounds(), unit)) {
                    parts.add(pool.submit(() -> sum(r.read(b))));
                }
                checksum = 0;
                for (Future<Long> f : parts) {
                    checksum += f.get();
                }
                pool.shutdown();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%.4f %d%n", best, checksum);
    }

    // Touch every voxel so reading cannot be skipped; a light sum of the raw bytes.
    private static long sum(Block b) {
        Object a = b.array();
        long s = 0;
        if (a instanceof byte[] bytes) {
            for (byte v : bytes) {
                s += v & 0xFF;
            }
        } else {
            for (int i = 0; i < b.size(); i++) {
                s += (long) b.get(i);
            }
        }
        return s;
    }
}
