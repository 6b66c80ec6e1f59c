package org.vemseg.nn.pretrain;

import java.nio.file.Path;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.train.OptimizerKind;

/**
 * Everything a MoCo v2 pre-training run needs. Build with {@link #builder(Path, Path)}; defaults are MoCo v2's
 * except the view size (96 px instead of 224, so it runs on a CPU) and the width (by default that of the
 * U-Net architecture with this encoder, so the weights fit {@code vemseg train} without a {@code --width}).
 *
 * @param patches folder of PNG patches (searched recursively)
 * @param out encoder weights file to write; the checkpoint, CSV log and loss chart are written beside it
 * @param arch the encoder: ResNet-18 (for {@code resunet}) or ResNet-50 (for {@code resunet50})
 * @param width channel multiplier of the encoder (1 = 64 channels in the stem)
 * @param iterations fixed number of iterations, or 0 when {@code maxMinutes} rules
 * @param maxMinutes wall-clock budget, or 0
 * @param batch queries (and keys) per iteration
 * @param queue negative keys kept (MoCo: 65,536)
 * @param temperature InfoNCE temperature (MoCo v2: 0.2)
 * @param momentum key encoder momentum (MoCo: 0.999)
 * @param learningRate peak learning rate (cosine decay to 0, as MoCo v2)
 * @param size side of the augmented views in pixels (a multiple of 32)
 * @param bnGroups batch-norm groups for MoCo's shuffling BN (the batch is split into this many groups)
 * @param checkpointEvery iterations between checkpoints
 * @param cacheBytes decoded patches kept in memory
 */
public record PretrainConfig(Path patches, Path out, boolean overwrite, ResNetDepth arch, double width, long iterations,
        double maxMinutes, int batch, int queue, double temperature, double momentum, OptimizerKind optimizer,
        double learningRate, int size, int bnGroups, long seed, boolean resume, int checkpointEvery,
        long cacheBytes) {

    public PretrainConfig {
        if (!(width > 0) || width > 4) {
            throw new IllegalArgumentException("width must be in (0, 4] but was " + width);
        }
        if ((iterations <= 0) == (maxMinutes <= 0)) {
            throw new IllegalArgumentException("give either a number of iterations or a time budget in minutes");
        }
        if (batch < 2) {
            throw new IllegalArgumentException("batch must be ≥ 2 but was " + batch);
        }
        if (queue < batch) {
            throw new IllegalArgumentException("queue (" + queue + ") must hold at least one batch (" + batch + ")");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0 but was " + temperature);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) but was " + momentum);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0 but was " + learningRate);
        }
        if (size < 32 || size % 32 != 0) {
            throw new IllegalArgumentException("view size must be a multiple of 32 (≥ 32) but was " + size);
        }
        if (bnGroups < 1 || batch % bnGroups != 0) {
            throw new IllegalArgumentException("batch " + batch + " is not divisible into " + bnGroups
                    + " batch-norm groups");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint interval must be ≥ 1 but was " + checkpointEvery);
        }
    }

    public static Builder builder(Path patches, Path out) {
        return new Builder(patches, out);
    }

    /** Channels of the ResNet stem, as a ResUNet of this width has. */
    public int base() {
        return Math.max(4, (int) Math.round(64 * width));
    }

    /** Hidden units of the projection head: 2048 at width 1. */
    public int hidden() {
        return Math.max(MocoNetwork.EMBEDDING, (int) Math.round(MocoNetwork.HIDDEN_AT_WIDTH_1 * width));
    }

    public Path checkpoint() {
        return out.resolveSibling(out.getFileName() + ".ckpt");
    }

    /** CSV log beside the output, once the encoder is written. */
    public Path log() {
        return out.resolveSibling(out.getFileName() + ".log.csv");
    }

    /** The CSV log while pre-training runs, and after an interruption (beside the checkpoint); {@link #log()} after. */
    public Path partialLog() {
        return out.resolveSibling(out.getFileName() + ".partial.log.csv");
    }

    public Path chart() {
        return out.resolveSibling(out.getFileName() + ".loss.png");
    }

    /** Settings that must match for a resumed run to continue the same run. */
    String key() {
        return String.join("|", arch.id(), String.valueOf(width), String.valueOf(batch), String.valueOf(queue),
                String.valueOf(temperature), String.valueOf(momentum), optimizer.toString(),
                String.valueOf(learningRate), String.valueOf(size), String.valueOf(bnGroups), String.valueOf(seed),
                String.valueOf(iterations), String.valueOf(maxMinutes));
    }

    public static final class Builder {
        private final Path patches;
        private final Path out;
        private boolean overwrite;
        private ResNetDepth arch = ResNetDepth.RESNET18;
        private double width = Double.NaN;
        private long iterations;
        private double maxMinutes;
        private int batch = 32;
        private int queue = 65_536;
        private double temperature = 0.2;
        private double momentum = 0.999;
        private OptimizerKind optimizer = OptimizerKind.SGD;
        private double learningRate = Double.NaN;
        private int size = 96;
        private int bnGroups = -1;
        private long seed = 1;
        private boolean resume;
        private int checkpointEvery = 200;
        private long cacheBytes = 1L << 30;

        private Builder(Path patches, Path out) {
            this.patches = patches;
            this.out = out;
        }

        public Builder optOverwrite(boolean v) { overwrite = v; return this; }
        public Builder optArch(ResNetDepth v) { arch = v; return this; }
        public Builder optWidth(double v) { width = v; return this; }
        public Builder optIterations(long v) { iterations = v; maxMinutes = 0; return this; }
        public Builder optMaxMinutes(double v) { maxMinutes = v; iterations = 0; return this; }
        public Builder optBatch(int v) { batch = v; return this; }
        public Builder optQueue(int v) { queue = v; return this; }
        public Builder optTemperature(double v) { temperature = v; return this; }
        public Builder optMomentum(double v) { momentum = v; return this; }
        public Builder optOptimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder optLr(double v) { learningRate = v; return this; }
        public Builder optSize(int v) { size = v; return this; }
        public Builder optBnGroups(int v) { bnGroups = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optResume(boolean v) { resume = v; return this; }
        public Builder optCheckpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder optCacheBytes(long v) { cacheBytes = v; return this; }

        public PretrainConfig build() {
            int groups = bnGroups > 0 ? bnGroups : batch % 4 == 0 ? 4 : batch % 2 == 0 ? 2 : 1;
            double lr = !Double.isNaN(learningRate) ? learningRate : optimizer == OptimizerKind.SGD ? 0.03 : 1e-3;
            double w = Double.isNaN(width) ? arch.architecture().defaultWidth() : width;
            return new PretrainConfig(patches, out, overwrite, arch, w,
                    iterations == 0 && maxMinutes == 0 ? 1000 : iterations, maxMinutes, batch, queue, temperature,
                    momentum, optimizer, lr, size, groups, seed, resume, checkpointEvery, cacheBytes);
        }
    }
}
