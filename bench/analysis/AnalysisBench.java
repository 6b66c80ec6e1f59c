import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.vemseg.core.mesh.MarchingCubes;
import org.vemseg.core.mesh.TriangleMesh;
import org.vemseg.core.objects.ConnectedComponents;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.DistanceTransform;
import org.vemseg.core.objects.LabelVolume;
import org.vemseg.core.objects.Mask;

/**
 * Times vemseg's connected components, distance transform and marching cubes on the benchmark volume: one
 * warm-up, then the best of N runs. Prints the same lines as peers.py: name seconds check-value.
 *
 * <p>Run: java -cp vemseg.jar AnalysisBench.java VOLUME.raw SIZE RUNS
 */
public class AnalysisBench {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Mask mask = new Mask(n, n, n, Files.readAllBytes(Path.of(args[0])));
        Object[] out = new Object[1];
        double t = best(runs, () -> ConnectedComponents.label(mask, Connectivity.TWENTY_SIX), out);
        System.out.printf(Locale.ROOT, "cc26 %.4f %d%n", t, ((LabelVolume) out[0]).count());
        out[0] = null;
        t = best(runs, () -> ConnectedComponents.label(mask, Connectivity.SIX), out);
        System.out.printf(Locale.ROOT, "cc6 %.4f %d%n", t, ((LabelVolume) out[0]).count());
        out[0] = null;
        t = best(runs, () -> DistanceTransform.compute(mask, new double[] {2, 1, 1}), out);
        double sum = 0;
        for (float f : (float[]) out[0]) {
            sum += f;
        }
        System.out.printf(Locale.ROOT, "edt %.4f %.6e%n", t, sum);
        out[0] = null;
        t = best(runs, () -> MarchingCubes.ofMask(mask.voxels(), n, n, n, new double[] {1, 1, 1}), out);
        System.out.printf(Locale.ROOT, "mc %.4f %.6e%n", t, ((TriangleMesh) out[0]).area());
    }

    private static double best(int runs, Supplier<Object> task, Object[] out) {
        out[0] = null;
        task.get(); // warm-up: JIT compilation of the hot loops
        task.get();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < runs; i++) {
            out[0] = null;
            long s = System.nanoTime();
            out[0] = task.get();
            best = Math.min(best, (System.nanoTime() - s) / 1e9);
        }
        return best;
    }
}
