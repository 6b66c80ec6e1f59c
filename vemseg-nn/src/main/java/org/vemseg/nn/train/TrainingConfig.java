package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vemseg.core.metrics.ThresholdCurve;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.data.LabelMapping;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ComputeDevice;

/**
 * Everything a training run needs, in three parts: the {@link TrainingSet data}, the {@link Hyperparameters} and
 * the {@link RunOptions run control}. Build with {@link #builder(Path, Path, Path)}; defaults suit a 2-core CPU.
 */
public record TrainingConfig(TrainingSet data, Hyperparameters hyper, RunOptions run) {

    public static Builder builder(Path images, Path labels, Path out) {
        return new Builder(images, labels, out);
    }

    /** The model to write. */
    public Path out() {
        return run.out();
    }

    /** Number of classes the network predicts (2 = binary: background, foreground). */
    public int classes() {
        return data.classes();
    }

    /** Checkpoint file of the member with {@code frames} input frames. */
    public Path checkpoint(int memberFrames) {
        return run.checkpoint(memberFrames);
    }

    /** CSV log beside the output, once the model is written. */
    public Path log() {
        return run.log();
    }

    /** Builder with CPU-friendly defaults; {@code opt*} methods are named for the settings they change. */
    public static final class Builder {
        private final Path images;
        private final Path labels;
        private final Path out;
        private Optional<Path> validImages = Optional.empty();
        private Optional<Path> validLabels = Optional.empty();
        private boolean overwrite;
        private Architecture arch = Architecture.RESUNET;
        private List<Integer> frames = List.of(1);
        private double width = Double.NaN;
        private int patch = 160;
        private int batch = 4;
        private OptimizerKind optimizer = OptimizerKind.ADAMW;
        private double lr = Double.NaN;
        private ClassWeights classWeights = ClassWeights.fade();
        private boolean dice;
        private OptionalInt foreground = OptionalInt.empty();
        private OptionalInt ignore = OptionalInt.empty();
        private int classes = 2;
        private List<String> classNames = List.of();
        private Augmentation augment = Augmentation.all();
        private long seed = 1;
        private long iterations;
        private double maxMinutes;
        private Optional<Path> init = Optional.empty();
        private boolean freezeEncoder;
        private WeightAveraging weightAverage = WeightAveraging.NONE;
        private boolean resume;
        private int checkpointEvery = 200;
        private int validateEvery = 200;
        private ComputeDevice device = ComputeDevice.CPU;
        private Optional<Path> encoderWeights = Optional.empty();
        private int downsample = 1;
        private int holdoutSlices = TrainingSet.AUTO_HOLDOUT;
        private Optional<ThresholdCurve.Criterion> calibrate = Optional.of(ThresholdCurve.Criterion.IOU);
        private TrainingPlanes planes = TrainingPlanes.xy();
        private double boundaryWeight;

        private Builder(Path images, Path labels, Path out) {
            this.images = images;
            this.labels = labels;
            this.out = out;
        }

        /** Validation images and labels (settings {@code validImages}, {@code validLabels}). */
        public Builder optValidation(Path img, Path lab) {
            validImages = Optional.of(img);
            validLabels = Optional.of(lab);
            return this;
        }

        public Builder optOverwrite(boolean v) { overwrite = v; return this; }
        public Builder optArch(Architecture v) { arch = v; return this; }
        public Builder optFrames(List<Integer> v) { frames = v; return this; }
        public Builder optWidth(double v) { width = v; return this; }
        public Builder optPatch(int v) { patch = v; return this; }
        public Builder optBatch(int v) { batch = v; return this; }
        public Builder optOptimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder optLr(double v) { lr = v; return this; }
        public Builder optClassWeights(ClassWeights v) { classWeights = v; return this; }
        public Builder optDice(boolean v) { dice = v; return this; }
        /** Foreground value, ignored value and class count at once. */
        public Builder optLabelMapping(LabelMapping v) {
            foreground = v.foreground();
            ignore = v.ignore();
            classes = v.classes();
            return this;
        }

        public Builder optForeground(OptionalInt v) { foreground = v; return this; }
        public Builder optIgnore(OptionalInt v) { ignore = v; return this; }
        public Builder optClasses(int v) { classes = v; return this; }
        /** Names of the classes; empty = {@link TrainingSet#defaultClassNames}. */
        public Builder optClassNames(List<String> v) { classNames = v; return this; }
        public Builder optAugment(Augmentation v) { augment = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optIterations(long v) { iterations = v; maxMinutes = 0; return this; }
        public Builder optMaxMinutes(double v) { maxMinutes = v; iterations = 0; return this; }
        public Builder optInit(Path v) { init = Optional.ofNullable(v); return this; }
        public Builder optFreezeEncoder(boolean v) { freezeEncoder = v; return this; }
        public Builder optWeightAverage(WeightAveraging v) { weightAverage = v; return this; }
        public Builder optResume(boolean v) { resume = v; return this; }
        public Builder optCheckpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder optValidateEvery(int v) { validateEvery = v; return this; }
        public Builder optDevice(ComputeDevice v) { device = v; return this; }
        public Builder optEncoderWeights(Path v) { encoderWeights = Optional.ofNullable(v); return this; }
        public Builder optDownsample(int v) { downsample = v; return this; }
        /** Slices held out without validation data: {@link TrainingSet#AUTO_HOLDOUT} (default) or a count. */
        public Builder optHoldoutSlices(int v) { holdoutSlices = v; return this; }
        /** What the calibrated threshold maximises (default IoU); empty keeps 0.5. */
        public Builder optCalibrate(Optional<ThresholdCurve.Criterion> v) { calibrate = v; return this; }
        /** Planes training patches come from (default xy). */
        public Builder optPlanes(TrainingPlanes v) { planes = v; return this; }
        /** Extra cross-entropy weight on label boundaries (default 0, off). */
        public Builder optBoundaryWeight(double v) { boundaryWeight = v; return this; }

        public TrainingConfig build() {
            TrainingSet data = new TrainingSet(images, labels, validImages, validLabels,
                    new LabelMapping(foreground, ignore, classes),
                    classNames.isEmpty() ? TrainingSet.defaultClassNames(classes) : classNames, holdoutSlices,
                    calibrate);
            Hyperparameters hyper = new Hyperparameters(arch, frames,
                    Double.isNaN(width) ? arch.defaultWidth() : width, patch, downsample, batch, optimizer,
                    Double.isNaN(lr) ? optimizer.defaultLr() : lr, classWeights, dice, augment, seed, init,
                    encoderWeights, freezeEncoder, planes, boundaryWeight, weightAverage);
            RunOptions run = new RunOptions(out, overwrite, resume,
                    iterations == 0 && maxMinutes == 0 ? 1000 : iterations, maxMinutes, checkpointEvery,
                    validateEvery, device);
            return new TrainingConfig(data, hyper, run);
        }
    }
}
