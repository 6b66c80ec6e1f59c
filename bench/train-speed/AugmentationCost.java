import java.util.Optional;
import java.util.Random;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.data.Augmenter;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;

/**
 * CPU time of preparing one training batch (four 160² patches, 1 frame) with each augmentation alone and with
 * all of them, on one thread, from a random 20 × 1024 × 1024 volume. This is the work of the background batch
 * thread, which shares the cores with the engine's threads.
 *
 * <p>Run: {@code java -cp vemseg-cli/target/vemseg.jar bench/train-speed/AugmentationCost.java}
 */
public class AugmentationCost {
    public static void main(String[] args) {
        int d = 20, h = 1024, w = 1024;
        float[] img = new float[d * h * w];
        byte[] lab = new byte[d * h * w];
        Random r = new Random(1);
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(256);
            lab[i] = (byte) (i % 7 == 0 ? 1 : 0);
        }
        PatchSampler sampler = new PatchSampler(new LabelledVolume(img, lab, d, h, w, Optional.empty()),
                new Normalisation(128, 50), 1, 160);
        String[] options = {"none", "geometric", "brightness", "contrast", "gamma", "noise", "blur", "affine", "all"};
        for (String option : options) {
            Augmenter augmenter = new Augmenter(Augmentation.parse(option));
            SeededRandom rng = new SeededRandom(1);
            for (int i = 0; i < 400; i++) { // JIT warm-up
                augmenter.next(sampler, rng);
            }
            int n = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                augmenter.next(sampler, rng);
            }
            System.out.printf("%-12s %6.2f ms per batch of 4%n", option, (System.nanoTime() - t0) / 1e6 / n * 4);
        }
    }
}
