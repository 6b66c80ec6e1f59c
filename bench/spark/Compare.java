import java.util.Locale;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

/**
 * Compares two volumes voxel by voxel, chunk by chunk (memory stays flat), and prints
 * "voxels differing max_abs_difference fraction". Usage: java -cp vemseg.jar Compare.java A B
 */
public class Compare {
    public static void main(String[] args) {
        try (VolumeReader a = Volumes.open(args[0]); VolumeReader b = Volumes.open(args[1])) {
            if (!a.info().bounds().equals(b.info().bounds())) {
                System.out.println("shapes differ: " + a.info().bounds() + " vs " + b.info().bounds());
                System.exit(1);
            }
            long voxels = 0;
            long differing = 0;
            double max = 0;
            for (Box box : BlockGrid.of(a.info())) {
                Block x = a.read(box);
                Block y = b.read(box);
                for (int i = 0, n = x.size(); i < n; i++) {
                    double d = Math.abs(x.get(i) - y.get(i));
                    if (d > 0) {
                        differing++;
                        max = Math.max(max, d);
                    }
                }
                voxels += box.voxels();
            }
            System.out.printf(Locale.ROOT, "%d %d %.0f %.3g%n", voxels, differing, max, differing / (double) voxels);
        }
    }
}
