import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.vemseg.core.volume.Plane;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.data.Augmenter;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.data.Patch;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;
import org.vemseg.nn.train.SegmentationLoss;

/**
 * CPU time of preparing one training batch (four 160² patches, 1 frame, all augmentations) on one thread, from
 * a random 140 × 512 × 512 volume with spherical "mitochondria" labels: patches from xy only and from xy, xz and
 * yz (train --planes; xz and yz patches read across slices), and the loss targets without and with boundary
 * weights (train --boundary-weight). This is the work of the background batch thread.
 *
 * <p>Run: {@code java -cp vemseg-cli/target/vemseg.jar bench/train-speed/PlanesAndBoundaryCost.java}
 */
public class PlanesAndBoundaryCost {
    public static void main(String[] args) {
        int d = 140, h = 512, w = 512;
        float[] img = new float[d * h * w];
        byte[] lab = new byte[d * h * w];
        Random r = new Random(1);
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(256);
        }
        for (int k = 0; k < 400; k++) { // spheres of radius 10-30 px
            int cz = r.nextInt(d), cy = r.nextInt(h), cx = r.nextInt(w), rad = 10 + r.nextInt(21);
            for (int z = Math.max(0, cz - rad); z < Math.min(d, cz + rad); z++) {
                for (int y = Math.max(0, cy - rad); y < Math.min(h, cy + rad); y++) {
                    for (int x = Math.max(0, cx - rad); x < Math.min(w, cx + rad); x++) {
                        if ((z - cz) * (z - cz) + (y - cy) * (y - cy) + (x - cx) * (x - cx) < rad * rad) {
                            lab[(z * h + y) * w + x] = 1;
                        }
                    }
                }
            }
        }
        LabelledVolume v = new LabelledVolume(img, lab, d, h, w, Optional.empty());
        Augmenter augmenter = new Augmenter(Augmentation.all());
        for (List<Plane> planes : List.of(List.of(Plane.XY), List.of(Plane.XY, Plane.XZ, Plane.YZ))) {
            PatchSampler sampler = new PatchSampler(v, planes, new Normalisation(128, 50), 1, 160);
            for (double boundary : new double[] {0, 5}) {
                SegmentationLoss loss = new SegmentationLoss(new float[] {0.6f, 3f}, false, boundary);
                SeededRandom rng = new SeededRandom(1);
                int n = 300;
                long patches = 0, targets = 0;
                for (int i = 0; i < n + 100; i++) { // the first 100 warm the JIT up
                    long t0 = System.nanoTime();
                    byte[] labels = new byte[4 * 160 * 160];
                    for (int b = 0; b < 4; b++) {
                        Patch p = augmenter.next(sampler, rng);
                        System.arraycopy(p.labels(), 0, labels, b * 160 * 160, 160 * 160);
                    }
                    long t1 = System.nanoTime();
                    loss.targets(labels, 4, 160, 160);
                    long t2 = System.nanoTime();
                    if (i >= 100) {
                        patches += t1 - t0;
                        targets += t2 - t1;
                    }
                }
                System.out.printf("planes %-9s boundary weight %.0f: patches %6.2f ms, targets %6.2f ms per batch of 4%n",
                        Plane.names(planes), boundary, patches / 1e6 / n, targets / 1e6 / n);
            }
        }
    }
}
