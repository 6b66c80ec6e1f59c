package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.data.Augmentation;
import org.vemseg.nn.data.LabelMapping;
import org.vemseg.nn.model.Architecture;

/**
 * What shapes the trained networks: architecture, optimisation, loss, augmentation, seed and the weights training
 * starts from. The one description of these settings: {@link #settings} names them for the checkpoint (a resume
 * must use the same) and, with the per-network ones added, {@link #provenance} for the model bundle.
 *
 * @param frames one member network per entry (e.g. 1, 3, 5 for a CDeep3M-style ensemble)
 * @param width channel multiplier, 1 = published size
 * @param patch patch side in pixels (a multiple of the architecture's input multiple), after {@code downsample}
 * @param downsample in-plane factor (1, 2 or 4) by which slices are reduced before the network (see
 *     {@code Downsampling})
 * @param learningRate peak (AdamW one-cycle) or initial (SGD poly) learning rate
 * @param classWeights how the cross-entropy weights are chosen; the weights themselves depend on the data
 * @param init bundle whose weights start training (transfer learning)
 * @param encoderWeights pre-trained encoder ({@code vemseg pretrain}) that starts a ResUNet's encoder
 * @param freezeEncoder keep the initial encoder weights fixed (ResUNet only)
 * @param planes the planes training patches come from; resolved on the data ({@link TrainingPlanes#resolve})
 * @param boundaryWeight extra cross-entropy weight on label boundaries ({@link BoundaryWeights}), 0 = off
 * @param weightAverage averaging of the weights of the last quarter of the schedule
 */
public record Hyperparameters(Architecture architecture, List<Integer> frames, double width, int patch,
        int downsample, int batch, OptimizerKind optimizer, double learningRate, ClassWeights classWeights,
        boolean dice, Augmentation augmentation, long seed, Optional<Path> init, Optional<Path> encoderWeights,
        boolean freezeEncoder, TrainingPlanes planes, double boundaryWeight, WeightAveraging weightAverage) {

    /** The frame counts a member network can have. */
    public static final List<Integer> FRAME_COUNTS = List.of(1, 3, 5);

    public Hyperparameters {
        frames = List.copyOf(frames);
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
            throw new VemsegException.InvalidInput("patch " + patch + " with batch 1 is too small for " + architecture
                    + ": use " + Settings.name("patch") + " " + 2 * patch + " or " + Settings.name("batch") + " 2");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0 but was " + learningRate);
        }
        if (encoderWeights.isPresent() && architecture.encoder().isEmpty()) {
            throw new VemsegException.InvalidInput(Settings.name("encoderWeights") + " needs "
                    + Settings.name("arch") + " resunet or resunet50, not " + architecture);
        }
        if (downsample != 1 && downsample != 2 && downsample != 4) {
            throw new IllegalArgumentException("downsample must be 1, 2 or 4 but was " + downsample);
        }
        if (!(boundaryWeight >= 0) || Double.isInfinite(boundaryWeight)) {
            throw new VemsegException.InvalidInput(Settings.name("boundaryWeight") + " must be a number ≥ 0, was "
                    + boundaryWeight);
        }
    }

    /** The learning-rate schedule of the optimiser. */
    public LrSchedule schedule() {
        return LrSchedule.forOptimizer(optimizer, learningRate);
    }

    /**
     * The settings a checkpoint records, by name in a fixed order, with the class weights resolved on the data
     * and the label mapping of the data (both change what is learned).
     */
    Map<String, String> settings(LabelMapping labelMapping, float[] resolvedClassWeights) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("architecture", architecture.id());
        s.put("width", String.valueOf(width));
        s.put("patch", String.valueOf(patch));
        s.put("batch", String.valueOf(batch));
        s.put("optimizer", optimizer.toString());
        s.put("learningRate", String.valueOf(learningRate));
        s.put("seed", String.valueOf(seed));
        s.put("dice", String.valueOf(dice));
        s.put("augmentation", augmentation.toString());
        s.put("downsample", String.valueOf(downsample));
        s.put("labelMapping", labelMapping.toString());
        s.put("classWeights", Arrays.toString(resolvedClassWeights));
        if (classWeights.mode() == ClassWeights.Mode.FADE) {
            // only then: checkpoints of runs without it (and of earlier versions) stay resumable
            s.put("classWeightFade", ClassWeights.FADE_FROM + "-" + ClassWeights.FADE_TO);
        }
        if (boundaryWeight > 0) {
            // only then: checkpoints without it (and of earlier versions) stay resumable
            s.put("boundaryWeight", String.valueOf(boundaryWeight));
        }
        if (weightAverage != WeightAveraging.NONE) {
            // only then: checkpoints of runs without it (and of earlier versions) stay resumable
            s.put("weightAverage", weightAverage.toString());
        }
        return s;
    }

    /** The hyper-parameters stored in the provenance of the member network with {@code memberFrames} frames. */
    Map<String, String> provenance(int memberFrames, LabelMapping labelMapping, float[] resolvedClassWeights) {
        Map<String, String> hp = settings(labelMapping, resolvedClassWeights);
        hp.put("frames", String.valueOf(memberFrames));
        hp.put("schedule", optimizer == OptimizerKind.SGD ? "poly 0.8" : "one-cycle");
        hp.put("freezeEncoder", String.valueOf(freezeEncoder));
        hp.put("boundaryWeight", String.valueOf(boundaryWeight));
        hp.putIfAbsent("weightAverage", weightAverage.toString());
        encoderWeights.ifPresent(p -> hp.put("encoderWeights", p.toString()));
        return hp;
    }
}
