package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.metrics.ThresholdCurve;
import org.vemseg.nn.bundle.ThresholdCalibration;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ComputeDevice;
import org.vemseg.nn.train.ClassWeights;
import org.vemseg.nn.train.OptimizerKind;
import org.vemseg.nn.train.SegmentationMetrics;
import org.vemseg.nn.train.Trainer;
import org.vemseg.nn.train.TrainingConfig;
import org.vemseg.nn.train.TrainingPlanes;
import org.vemseg.nn.train.TrainingResult;
import org.vemseg.nn.train.TrainingSet;
import org.vemseg.nn.train.WeightAveraging;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg train}: parses options into a {@link TrainingConfig} and runs the {@link Trainer}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a segmentation network (or a 1/3/5-frame ensemble) on labelled images; writes a "
                + ".vsm model, a CSV log (model.vsm.log.csv; model.vsm.partial.log.csv beside the checkpoints until "
                + "the model is written) and checkpoints (model.vsm.f<N>.ckpt).",
            "Labels: binary 0/1 or 0/255, or name the foreground value with --foreground; with --classes N > 2, "
                + "class indices 0 to N-1 (0 = background)."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "VOLUME", description = "Training images.")
    Path images;

    @Option(names = "--labels", required = true, paramLabel = "VOLUME", description = "Training labels.")
    Path labels;

    @Option(names = "--valid-images", paramLabel = "VOLUME", description = "Validation images.")
    Path validImages;

    @Option(names = "--valid-labels", paramLabel = "VOLUME", description = "Validation labels.")
    Path validLabels;

    @Option(names = "--out", required = true, paramLabel = "FILE.vsm", description = "Model to write.")
    Path out;

    @Mixin
    Overwrite overwrite;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "resunet", converter = Converters.Arch.class,
            description = "resunet (U-Net, ResNet-18 encoder; pretrain --arch resnet18), resunet50 (U-Net, "
                    + "ResNet-50 encoder as CEM500K, about 2x slower; pretrain --arch resnet50) or deepem3d (CDeep3M). "
                    + "Default: ${DEFAULT-VALUE}.")
    Architecture arch;

    @Option(names = "--frames", paramLabel = "N[,N...]", split = ",", defaultValue = "1",
            description = "z slices per input: 1, 3, 5, or a list (1,3,5) for an ensemble. Default: ${DEFAULT-VALUE}.")
    List<Integer> frames = new ArrayList<>();

    @Option(names = "--width", paramLabel = "W",
            description = "Channel multiplier, 1 = published size (default 0.25: ResNet base 16 channels; "
                    + "0.25 for deepem3d too).")
    Double width;

    @Option(names = "--patch", paramLabel = "PX", defaultValue = "160",
            description = "Patch side in pixels after --downsample (multiple of 32 for resunet, 16 for deepem3d). "
                    + "Default: ${DEFAULT-VALUE}.")
    int patch;

    @Option(names = "--downsample", paramLabel = "N", defaultValue = "1",
            description = "Reduce slices N-fold in y and x (1, 2 or 4) before the network: N² times less "
                    + "computation and N times more context per patch, for structures many pixels wide "
                    + "(mitochondria, nuclei), not thin membranes. Stored in the model; predict restores full "
                    + "resolution. Default: ${DEFAULT-VALUE}.")
    int downsample;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4",
            description = "Patches per iteration. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--optimizer", paramLabel = "sgd|adamw", defaultValue = "adamw",
            converter = Converters.Optimizer.class,
            description = "adamw (one-cycle, CEM500K) or sgd (momentum, poly decay, CDeep3M). "
                    + "Default: ${DEFAULT-VALUE}.")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default 3e-3 adamw, 1e-2 sgd).")
    Double lr;

    @Option(names = "--class-weights", paramLabel = "fade|auto|none|w0,w1", defaultValue = "fade",
            description = "Cross-entropy class weights; auto = inverse square root of class frequency; fade = auto "
                    + "for the first 1,000 iterations (so short runs find a sparse class), then fading to none by "
                    + "iteration 2,000 (kept longer, weights push boundaries outwards: none gave +0.021 IoU on "
                    + "Lucchi++ at 4,000 iterations). Default: ${DEFAULT-VALUE}.")
    String classWeights;

    @Option(names = "--dice", description = "Add a soft Dice loss of the foreground.")
    boolean dice;

    @Option(names = "--boundary-weight", paramLabel = "W", defaultValue = "0",
            description = "Multiply the cross-entropy weight of pixels near a label boundary by up to 1+W "
                    + "(1 + W·exp(-d²/18), d = pixels from the boundary, on top of --class-weights), so edge errors "
                    + "cost more; --dice stays unweighted. 0 = off. Default: ${DEFAULT-VALUE}.")
    double boundaryWeight;

    @Option(names = "--planes", paramLabel = "xy|xy,xz,yz|auto", defaultValue = "xy",
            description = "Planes training patches are cut from: xy slices, or also xz and yz slices of the stack "
                    + "(for near-isotropic FIB-SEM; with --frames 3 or 5 their neighbours along y or x, as predict "
                    + "--planes uses them); auto = all three when z is within 1.5x of y and x (voxel size after "
                    + "--downsample), else xy. Validation and held-out slices stay xy; held-out slices are left out "
                    + "of every plane. Default: ${DEFAULT-VALUE}.")
    String planes;

    @Option(names = "--foreground", paramLabel = "V",
            description = "Label value of the foreground class (binary runs).")
    Integer foreground;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "2",
            description = "Number of classes; above 2 the labels are class indices 0 to N-1, each of which must "
                    + "occur. Default: ${DEFAULT-VALUE} (binary).")
    int classes;

    @Option(names = "--class-names", paramLabel = "NAME", split = ",",
            description = "One name per class, stored in the model (default: background, foreground; or "
                    + "background, class1, class2, ...).")
    List<String> classNames = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "V", description = "Label value excluded from loss and metrics.")
    Integer ignore;

    @Option(names = "--augment", paramLabel = "LIST", defaultValue = "all",
            description = "Augmentations: all, none, or a list of geometric (16 flips/rotations/z-flips), "
                    + "brightness, contrast, gamma, noise, blur, affine (any-angle rotation, zoom 0.8-1.25). "
                    + "Default: ${DEFAULT-VALUE}.")
    String augment;

    @Option(names = "--init", paramLabel = "MODEL.vsm",
            description = "Start from this model's weights (all but the class layers if its class count differs).")
    Path init;

    @Option(names = "--encoder-weights", paramLabel = "FILE.weights",
            description = "Start the U-Net encoder from pre-trained weights (vemseg pretrain); same encoder "
                    + "(resnet18: resunet, resnet50: resunet50) and --width. A 1-frame encoder also starts "
                    + "--frames 3 and 5 networks (its first filters spread over the frames).")
    Path encoderWeights;

    @Option(names = "--freeze-encoder",
            description = "Keep the encoder weights of --init or --encoder-weights fixed (resunet, resunet50).")
    boolean freezeEncoder;

    @Option(names = "--weight-average", paramLabel = "none|ema|swa", defaultValue = "none",
            converter = Converters.WeightAverage.class,
            description = "Average the weights of the last quarter of the iterations: ema = exponential moving "
                    + "average (time constant 5%% of the iterations; batch-norm statistics averaged too), swa = "
                    + "uniform average of about 100 samples, batch-norm statistics then recomputed on 32 training "
                    + "batches. With validation data the average is validated beside the trained weights (ema at "
                    + "every validation from its start, swa at the end) and the model keeps whichever scored best; "
                    + "without, the model holds the average. vemseg info shows which (keptWeights). "
                    + "Default: ${DEFAULT-VALUE}.")
    WeightAveraging weightAverage;

    @Option(names = "--holdout-slices", paramLabel = "N|auto", defaultValue = "auto",
            description = "Without --valid-images: hold out the last N training slices to validate on (keeping the "
                    + "best weights) and to calibrate the threshold; 0 trains on every slice. auto = a tenth of the "
                    + "stack, at least as many as the widest --frames, on stacks of 20 or more slices that keep at "
                    + "least four times as many for training. "
                    + "Default: ${DEFAULT-VALUE}.")
    String holdoutSlices;

    @Option(names = "--calibrate", paramLabel = "iou|f1|none", defaultValue = "iou",
            description = "Binary models: after training, choose the mask threshold that maximises this score on "
                    + "the validation slices and store it in the model (predict, analyze and evaluate use it); "
                    + "f1 suits thin membranes; none keeps 0.5. Writes model.vsm.calibration.csv and .png. "
                    + "Default: ${DEFAULT-VALUE}.")
    String calibrate;

    @Option(names = "--validate-every", paramLabel = "K", defaultValue = "200",
            description = "Iterations between validations. Default: ${DEFAULT-VALUE}.")
    int validateEvery;

    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
            description = "Default: ${DEFAULT-VALUE}.")
    ComputeDevice device;

    @ArgGroup(exclusive = true)
    RunControl.Length length;

    @Mixin
    RunControl run;

    @Mixin
    TrainingSession session;

    @Override
    public Integer call() {
        Progress progress = session.start();
        TrainingConfig config = config();
        Trainer trainer = new Trainer();
        TrainingResult r = CheckpointOnShutdown.run(trainer::requestStop, () -> trainer.run(config, progress));
        report(r, config, spec.commandLine().getOut());
        return r.interrupted() ? VemsegCli.INTERRUPTED : 0;
    }

    TrainingConfig config() {
        try {
            if ((validImages == null) != (validLabels == null)) {
                throw new IllegalArgumentException("--valid-images and --valid-labels go together");
            }
            TrainingConfig.Builder b = TrainingConfig.builder(images, labels, out).optOverwrite(overwrite.requested())
                    .optArch(arch).optFrames(frames).optPatch(patch).optBatch(batch)
                    .optDownsample(downsample).optOptimizer(optimizer)
                    .optClassWeights(ClassWeights.parse(classWeights)).optDice(dice).optForeground(opt(foreground))
                    .optIgnore(opt(ignore)).optClasses(classes).optClassNames(classNames).optAugment(augmentation())
                    .optSeed(run.seed).optInit(init).optEncoderWeights(encoderWeights).optFreezeEncoder(freezeEncoder)
                    .optResume(run.resume).optCheckpointEvery(run.checkpointEvery).optValidateEvery(validateEvery)
                    .optDevice(device).optHoldoutSlices(holdout()).optCalibrate(criterion())
                    .optPlanes(TrainingPlanes.parse(planes)).optBoundaryWeight(boundaryWeight)
                    .optWeightAverage(weightAverage);
            if (validImages != null) {
                b.optValidation(validImages, validLabels);
            }
            if (width != null) {
                b.optWidth(width);
            }
            if (lr != null) {
                b.optLr(lr);
            }
            RunControl.Length.apply(length, b::optMaxMinutes, b::optIterations);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static OptionalInt opt(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private static void report(TrainingResult r, TrainingConfig c, PrintWriter out) {
        for (TrainingResult.Member m : r.members()) {
            String val = m.bestIoU() == null ? "no validation" : String.format(Locale.ROOT,
                    "best validation IoU %.4f, F1 %.4f", SegmentationMetrics.foregroundMean(m.bestIoU()),
                    SegmentationMetrics.foregroundMean(m.bestF1()))
                    + (c.classes() > 2 ? " (mean of classes 1-" + (c.classes() - 1) + "; IoU per class "
                            + perClass(m.bestIoU()) + ")" : "");
            out.printf(Locale.ROOT, "%d-frame %s: %d iterations in %.1f min (%.2f it/s this session), %s%n",
                    m.frames(), c.hyper().architecture(), m.iterations(), m.seconds() / 60, m.iterationsPerSecond(),
                    val);
            if (m.keptWeights() != null) {
                out.println("  kept " + m.keptWeights());
            }
        }
        if (r.heldOut() > 0) {
            out.printf(Locale.ROOT, "validated on the last %d training slices, held out of training "
                    + "(--holdout-slices)%n", r.heldOut());
        }
        if (r.calibration() != null) {
            ThresholdCalibration k = r.calibration();
            out.printf(Locale.ROOT, "mask threshold calibrated to %.3f on %d validation slices: %s %.4f (%.4f at 0.5)"
                    + "; curve: %s.calibration.csv/.png%n", k.threshold(), k.validationSlices(),
                    k.criterion().toUpperCase(Locale.ROOT), k.score(), k.scoreAtHalf(), r.model());
        }
        if (r.interrupted()) {
            out.println("interrupted: checkpoint written; rerun with --resume to continue");
        } else {
            out.println("wrote " + r.model() + " (log: " + c.log() + ")");
        }
        out.flush();
    }

    private static String perClass(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).toList().toString();
    }

    private int holdout() {
        if ("auto".equalsIgnoreCase(holdoutSlices.trim())) {
            return TrainingSet.AUTO_HOLDOUT;
        }
        try {
            return Integer.parseInt(holdoutSlices.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--holdout-slices: expected a number or auto, got '" + holdoutSlices
                    + "'");
        }
    }

    private Optional<ThresholdCurve.Criterion> criterion() {
        String v = calibrate.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "iou" -> Optional.of(ThresholdCurve.Criterion.IOU);
            case "f1" -> Optional.of(ThresholdCurve.Criterion.F1);
            case "none" -> Optional.empty();
            default -> throw new IllegalArgumentException("--calibrate: expected iou, f1 or none, got '" + calibrate
                    + "'");
        };
    }

    private Augmentation augmentation() {
        try {
            return Augmentation.parse(augment);
        } catch (IllegalArgumentException e) {
            throw new VemsegException.InvalidInput("--augment: " + e.getMessage());
        }
    }
}
