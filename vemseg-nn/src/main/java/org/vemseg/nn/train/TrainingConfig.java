package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.data.LabelMapping;
import org.vemseg.nn.model.Architecture;

/**
 * Everything a training run needs. Build with {@link #builder(Path, Path, Path)}; defaults suit a 2-core CPU.
 *
 * @param frames one member network per entry (e.g. 1, 3, 5 for a CDeep3M-style ensemble)
 * @param width channel multiplier, 1 = published size
 * @param patch patch side in pixels (a multiple of the architecture's input multiple)
 * @param learningRate peak (AdamW one-cycle) or initial (SGD poly) learning rate
 * @param iterations fixed number of iterations per member, or 0 when {@code maxMinutes} rules
 * @param maxMinutes wall-clock budget for the whole run (all members), or 0 for a fixed iteration count
 * @param init bundle whose weights start training (transfer learning)
 * @param freezeEncoder keep the initial encoder weights fixed (ResUNet only)
 * @param resume continue from the checkpoint beside {@code out}
 * @param checkpointEvery iterations between checkpoints
 * @param validateEvery iterations between validations (only with a validation volume)
 * @param gpu use the first GPU (needs the gpu build)
 * @param encoderWeights pre-trained encoder ({@code vemseg pretrain}) that starts a ResUNet's encoder
 * @param downsample in-plane factor (1, 2 or 4) by which slices are reduced before the network (see
 *     {@code Downsampling}); {@code patch} is measured after it
 * @param classNames one name per class, index = class; their count is the number of classes the network
 *     predicts, which {@code labelMapping} maps the labels to
 */
public record TrainingConfig(Path images, Path labels, Optional<Path> validImages, Optional<Path> validLabels,
        Path out, boolean overwrite, Architecture architecture, List<Integer> frames, double width, int patch,
        int batch, OptimizerKind optimizer, double learningRate, ClassWeights classWeights, boolean dice,
        LabelMapping labelMapping, Augmentation augmentation, long seed, long iterations, double maxMinutes,
        Optional<Path> init, boolean freezeEncoder, boolean resume, int checkpointEvery, int validateEvery,
        boolean gpu, Optional<Path> encoderWeights, int downsample, List<String> classNames) {

    /** The frame counts a member network can have. */
    public static final List<Integer> FRAME_COUNTS = List.of(1, 3, 5);

    public TrainingConfig {
        frames = List.copyOf(frames);
        classNames = List.copyOf(classNames);
        if (classNames.size() != labelMapping.classes()) {
            throw new IllegalArgumentException("--class-names gives " + classNames.size() + " name(s) for "
                    + labelMapping.classes() + " classes");
        }
        if (classNames.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("--class-names: a class name is empty");
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("at least one frame count is needed");
        }
        for (int f : frames) {
            if (!FRAME_COUNTS.contains(f)) {
                throw new IllegalArgumentException("frames must be 1, 3 or 5 but was " + f);
            }
        }
        if (patch % architecture.inputMultiple() != 0 || patch <= 0) {
            throw new IllegalArgumentException("patch must be a positive multiple of " + architecture.inputMultiple()
                    + " for " + architecture + " but was " + patch);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be ≥ 1 but was " + batch);
        }
        if (batch == 1 && patch == architecture.inputMultiple()) {
            // the deepest layer would hold one value per channel, which batch normalisation cannot train on
            throw new IllegalArgumentException("patch " + patch + " with batch 1 is too small for " + architecture
                    + ": use --patch " + 2 * patch + " or --batch 2");
        }
        if ((iterations <= 0) == (maxMinutes <= 0)) {
            throw new IllegalArgumentException("give either a number of iterations or a time budget in minutes");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0 but was " + learningRate);
        }
        if (checkpointEvery < 1 || validateEvery < 1) {
            throw new IllegalArgumentException("checkpoint and validation intervals must be ≥ 1");
        }
        if (encoderWeights.isPresent() && architecture.encoder().isEmpty()) {
            throw new IllegalArgumentException("--encoder-weights needs --arch resunet or resunet50, not "
                    + architecture);
        }
        if (downsample != 1 && downsample != 2 && downsample != 4) {
            throw new IllegalArgumentException("downsample must be 1, 2 or 4 but was " + downsample);
        }
        if (validImages.isPresent() != validLabels.isPresent()) {
            throw new IllegalArgumentException("validation needs both images and labels");
        }
    }

    public static Builder builder(Path images, Path labels, Path out) {
        return new Builder(images, labels, out);
    }

    /** Number of classes the network predicts (2 = binary: background, foreground). */
    public int classes() {
        return labelMapping.classes();
    }

    /**
     * Names of classes nobody named: "background", "foreground" for a binary run (as bundles always had),
     * "background", "class1", "class2", ... otherwise.
     */
    public static List<String> defaultClassNames(int classes) {
        if (classes == 2) {
            return List.of("background", "foreground");
        }
        List<String> names = new ArrayList<>(List.of("background"));
        for (int k = 1; k < classes; k++) {
            names.add("class" + k);
        }
        return names;
    }

    /** Checkpoint file of the member with {@code frames} input frames. */
    public Path checkpoint(int memberFrames) {
        return out.resolveSibling(out.getFileName() + ".f" + memberFrames + ".ckpt");
    }

    /** Checkpoints of every member a run of this output could have, whatever its frame counts. */
    public List<Path> allCheckpoints() {
        return FRAME_COUNTS.stream().map(this::checkpoint).toList();
    }

    /** CSV log beside the output, once the model is written. */
    public Path log() {
        return out.resolveSibling(out.getFileName() + ".log.csv");
    }

    /** The CSV log while training runs, and after an interruption (beside the checkpoints); {@link #log()} after. */
    public Path partialLog() {
        return out.resolveSibling(out.getFileName() + ".partial.log.csv");
    }

    /** Builder with CPU-friendly defaults. */
    public static final class Builder {
        private final Path images;
        private final Path labels;
        private final Path out;
        private Optional<Path> validImages = Optional.empty();
        private Optional<Path> validLabels = Optional.empty();
        private boolean overwrite;
        private Architecture architecture = Architecture.RESUNET;
        private List<Integer> frames = List.of(1);
        private double width = Double.NaN;
        private int patch = 160;
        private int batch = 4;
        private OptimizerKind optimizer = OptimizerKind.ADAMW;
        private double learningRate = Double.NaN;
        private ClassWeights classWeights = ClassWeights.auto();
        private boolean dice;
        private OptionalInt foreground = OptionalInt.empty();
        private OptionalInt ignore = OptionalInt.empty();
        private int classes = 2;
        private List<String> classNames = List.of();
        private Augmentation augmentation = Augmentation.all();
        private long seed = 1;
        private long iterations;
        private double maxMinutes;
        private Optional<Path> init = Optional.empty();
        private boolean freezeEncoder;
        private boolean resume;
        private int checkpointEvery = 200;
        private int validateEvery = 200;
        private boolean gpu;
        private Optional<Path> encoderWeights = Optional.empty();
        private int downsample = 1;

        private Builder(Path images, Path labels, Path out) {
            this.images = images;
            this.labels = labels;
            this.out = out;
        }

        public Builder validation(Path img, Path lab) {
            validImages = Optional.of(img);
            validLabels = Optional.of(lab);
            return this;
        }

        public Builder overwrite(boolean v) { overwrite = v; return this; }
        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder frames(List<Integer> v) { frames = v; return this; }
        public Builder width(double v) { width = v; return this; }
        public Builder patch(int v) { patch = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder classWeights(ClassWeights v) { classWeights = v; return this; }
        public Builder dice(boolean v) { dice = v; return this; }
        public Builder labelMapping(LabelMapping v) {
            foreground = v.foreground();
            ignore = v.ignore();
            classes = v.classes();
            return this;
        }

        public Builder foreground(OptionalInt fg, OptionalInt ign) { foreground = fg; ignore = ign; return this; }
        public Builder classes(int v) { classes = v; return this; }
        /** Names of the classes; empty = {@link #defaultClassNames}. */
        public Builder classNames(List<String> v) { classNames = v; return this; }
        public Builder augmentation(Augmentation v) { augmentation = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder iterations(long v) { iterations = v; maxMinutes = 0; return this; }
        public Builder maxMinutes(double v) { maxMinutes = v; iterations = 0; return this; }
        public Builder init(Path v) { init = Optional.ofNullable(v); return this; }
        public Builder freezeEncoder(boolean v) { freezeEncoder = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder validateEvery(int v) { validateEvery = v; return this; }
        public Builder gpu(boolean v) { gpu = v; return this; }
        public Builder encoderWeights(Path v) { encoderWeights = Optional.ofNullable(v); return this; }
        public Builder downsample(int v) { downsample = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(images, labels, validImages, validLabels, out, overwrite, architecture, frames,
                    Double.isNaN(width) ? architecture.defaultWidth() : width, patch, batch, optimizer,
                    Double.isNaN(learningRate) ? optimizer.defaultLr() : learningRate, classWeights, dice,
                    new LabelMapping(foreground, ignore, classes), augmentation, seed,
                    iterations == 0 && maxMinutes == 0 ? 1000 : iterations, maxMinutes, init, freezeEncoder, resume,
                    checkpointEvery, validateEvery, gpu, encoderWeights, downsample,
                    classNames.isEmpty() ? defaultClassNames(classes) : classNames);
        }
    }
}
