package org.vemseg.nn.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.pretrain.EncoderWeights;

/**
 * The data of a training run, read and checked before any training starts, so bad input fails in seconds
 * with one line naming the file: shape mismatches, unexpected label values, volumes smaller than the patch or
 * with fewer slices than frames, classes without examples, an unwritable or existing output, an unreadable init
 * model, pre-trained encoder weights of another width.
 */
public record TrainingInputs(LabelledVolume train, Optional<LabelledVolume> valid, Normalisation normalisation,
        float[] classWeights, Optional<ModelManifest> init, TrainingDataHash trainFingerprint,
        Optional<TrainingDataHash> validFingerprint) {

    public static TrainingInputs prepare(TrainingConfig c) {
        checkOutput(c);
        Optional<ModelManifest> init = c.init().map(ModelBundle::readManifest);
        c.encoderWeights().ifPresent(path -> {
            EncoderWeights w = EncoderWeights.load(path);
            for (int f : c.frames()) {
                w.checkFits(new NetworkSpec(c.architecture(), f, c.classes(), c.width()), path);
            }
        });
        LabelledVolume train = LabelledVolume.read(c.images(), c.labels(), c.labelMapping());
        checkFits(train, c.images(), c);
        TrainingDataHash trainFingerprint = TrainingDataHash.of(train); // of the data as given, not downsampled
        train = train.downsampled(c.downsample());
        Optional<LabelledVolume> valid = Optional.empty();
        if (c.validImages().isPresent()) {
            LabelledVolume v = LabelledVolume.read(c.validImages().get(), c.validLabels().get(), c.labelMapping());
            int maxFrames = Collections.max(c.frames());
            if (v.depth() < maxFrames) {
                throw tooFewSlices(c.validImages().get(), v, maxFrames);
            }
            int side = Math.min(v.height(), v.width());
            int needed = c.architecture().inputMultiple() * c.downsample();
            if (side < needed) {
                throw new VemsegException.InvalidInput(c.validImages().get() + ": slices " + v.height() + "×"
                        + v.width() + " are smaller than the " + needed + " px " + c.architecture()
                        + (c.downsample() > 1 ? " at --downsample " + c.downsample() : "") + " needs");
            }
            valid = Optional.of(v);
        }
        double[] ms = train.meanStd();
        if (!(ms[1] > 0)) {
            throw new VemsegException.InvalidInput(c.images() + ": all voxels have the same value " + ms[0]);
        }
        long[] counts = checkClassesPresent(train.classCounts(c.classes()), c);
        float[] weights;
        try {
            weights = c.classWeights().resolve(counts);
        } catch (IllegalArgumentException e) {
            throw new VemsegException.InvalidInput("--class-weights: " + e.getMessage());
        }
        return new TrainingInputs(train, valid, new Normalisation(ms[0], ms[1]), weights, init, trainFingerprint,
                valid.map(TrainingDataHash::of));
    }

    /**
     * A class that never occurs cannot be learned, and its automatic weight would be meaningless (its
     * frequency is zero). Binary runs need only the foreground, as they always did.
     */
    private static long[] checkClassesPresent(long[] counts, TrainingConfig c) {
        if (c.classes() == 2) {
            if (counts[1] == 0) {
                throw new VemsegException.InvalidInput(c.labels() + ": no foreground voxels; check --foreground");
            }
            return counts;
        }
        List<Integer> missing = IntStream.range(0, counts.length).filter(k -> counts[k] == 0).boxed().toList();
        if (!missing.isEmpty()) {
            throw new VemsegException.InvalidInput(c.labels() + ": class(es) " + missing + " of --classes "
                    + c.classes() + " never occur in the training labels; every class needs examples");
        }
        return counts;
    }

    /**
     * Without {@code resume}, a new run must not silently take the place of an interrupted one (whose checkpoints
     * it would overwrite) nor of an existing model or log; with it, the decision to replace them was made when the
     * interrupted run started.
     */
    private static void checkOutput(TrainingConfig c) {
        Path out = c.out().toAbsolutePath();
        if (!c.resume() && !c.overwrite()) {
            Optional<Path> checkpoint = c.allCheckpoints().stream().filter(Files::exists).findFirst();
            if (checkpoint.isPresent()) {
                throw new VemsegException.InvalidInput(c.out() + ": an interrupted run left a checkpoint ("
                        + checkpoint.get().getFileName() + "); use --resume to continue it or --overwrite to "
                        + "start again");
            }
            for (Path p : List.of(c.out(), c.log())) {
                if (Files.exists(p)) {
                    throw new VemsegException.InvalidInput(p + ": output exists; use --overwrite to replace it");
                }
            }
        }
        if (c.resume() && c.frames().stream().noneMatch(f -> Files.exists(c.checkpoint(f)))) {
            throw new VemsegException.InvalidInput(c.out() + ": no checkpoint to resume (expected "
                    + c.checkpoint(c.frames().get(0)).getFileName() + " beside it)");
        }
        Path parent = out.getParent();
        if (!Files.isDirectory(parent)) {
            throw new VemsegException.IO(c.out() + ": cannot write output: folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new VemsegException.IO(c.out() + ": cannot write output: permission denied");
        }
    }

    private static void checkFits(LabelledVolume v, Path images, TrainingConfig c) {
        int maxFrames = Collections.max(c.frames());
        if (v.depth() < maxFrames) {
            throw tooFewSlices(images, v, maxFrames);
        }
        int f = c.downsample();
        if (c.patch() > v.height() / f || c.patch() > v.width() / f) {
            throw new VemsegException.InvalidInput(images + ": patch " + c.patch() + " px is larger than the slices ("
                    + v.height() + "×" + v.width() + (f > 1 ? ", " + v.height() / f + "×" + v.width() / f
                    + " after --downsample " + f : "") + "); use a smaller --patch");
        }
    }

    private static VemsegException tooFewSlices(Path images, LabelledVolume v, int frames) {
        return new VemsegException.InvalidInput(images + ": " + v.depth() + " slice(s), fewer than the " + frames
                + " frames requested");
    }
}
