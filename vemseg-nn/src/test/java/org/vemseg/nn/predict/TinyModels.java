package org.vemseg.nn.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.train.Trainer;
import org.vemseg.nn.train.TrainingConfig;

/**
 * Tiny models trained briefly on synthetic EM, shared by the prediction tests of one JVM (training is
 * the slow part). Training moves batch-norm running statistics away from their initial 0/1 and the
 * weights away from random, so predictions have real structure; a few dozen iterations suffice.
 */
public final class TinyModels {

    private static final Map<String, Path> CACHE = new HashMap<>();
    private static Path dir;

    private TinyModels() {
    }

    /** A ResUNet (width 0.125) with the given frame counts as members, trained with {@code seed}. */
    public static synchronized Path resunet(long seed, int iterations, Integer... frames) {
        return resunetDownsampled(seed, iterations, 1, frames);
    }

    /** The same, trained on slices downsampled by {@code downsample} ({@code train --downsample}). */
    public static synchronized Path resunetDownsampled(long seed, int iterations, int downsample, Integer... frames) {
        return of(Architecture.RESUNET, seed, iterations, downsample, Double.NaN, frames);
    }

    /**
     * A 1-frame network of {@code architecture} (width 0.125), trained with {@code seed} at learning rate 3e-4:
     * DeepEM3D diverged in 40 iterations on this tiny set at the default 3e-3 and, in the full suite's JVM, at
     * 1e-3 too (its summed side outputs make early steps large), and these models only need structure in their
     * output, not a good fit.
     */
    public static synchronized Path of(Architecture architecture, long seed, int iterations) {
        return of(architecture, seed, iterations, 1, 3e-4, 1);
    }

    /** An ensemble of {@code architecture} with these frame counts as members, trained as {@link #of}. */
    public static synchronized Path ensemble(Architecture architecture, long seed, int iterations, Integer... frames) {
        return of(architecture, seed, iterations, 1, 3e-4, frames);
    }

    private static Path of(Architecture architecture, long seed, int iterations, int downsample, double lr,
            Integer... frames) {
        String key = architecture + "/" + seed + "/" + iterations + "/" + downsample + "/" + lr + "/"
                + List.of(frames);
        return CACHE.computeIfAbsent(key, k -> train(architecture, seed, iterations, downsample, lr,
                List.of(frames)));
    }

    /** {@code lr}: NaN for the optimiser's default. */
    private static Path train(Architecture architecture, long seed, int iterations, int downsample, double lr,
            List<Integer> frames) {
        Path d = folder();
        Path img = d.resolve("train-img");
        Path lab = d.resolve("train-lab");
        if (!Files.exists(img)) {
            SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(6, 128, 128), new VoxelSize(30, 8, 8), 3).generate();
            Volumes.write(VolumeLocation.of(img), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
            Volumes.write(VolumeLocation.of(lab), s.labels(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        }
        Path out = d.resolve("m-" + architecture + "-" + seed + "-" + iterations + "-" + downsample + "-"
                + frames.toString().replaceAll("\\D+", "_") + (Double.isNaN(lr) ? "" : "-lr" + lr) + ".vsm");
        TrainingConfig c = TrainingConfig.builder(img, lab, out).optForeground(OptionalInt.of(1))
                .optArch(architecture).optWidth(0.125).optPatch(64).optBatch(2).optSeed(seed).optFrames(frames)
                .optAugment(Augmentation.none()).optIterations(iterations).optDownsample(downsample).optLr(lr)
                .build();
        new Trainer().run(c, Progress.NONE);
        return out;
    }

    /** A synthetic EM volume written as a multi-page TIFF (uint8), for prediction inputs. */
    public static synchronized Path volume(int depth, int height, int width, long seed) {
        Path p = folder().resolve("vol-" + depth + "x" + height + "x" + width + "-" + seed + ".tif");
        if (!Files.exists(p)) {
            SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(depth, height, width), new VoxelSize(30, 8, 8), seed)
                    .generate();
            Volumes.write(VolumeLocation.of(p), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        }
        return p;
    }

    private static Path folder() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("vemseg-tiny-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return dir;
    }

    private static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files; the OS cleans up eventually
        }
    }
}
