package org.vemseg.nn.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Plane;
import org.vemseg.nn.bundle.EncoderWeights;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.model.NetworkSpec;

/**
 * The data of a training run, read and checked before any training starts, so bad input fails in seconds
 * with one line naming the file: shape mismatches, unexpected label values, volumes smaller than the patch or
 * with fewer slices than frames, classes without examples, an unwritable or existing output, an unreadable init
 * model, pre-trained encoder weights of another width.
 *
 * @param valid validation slices: the validation volume given, or the slices held out of the training stack
 * @param heldOut how many of the training stack's last slices {@code valid} holds ({@link Holdout}); 0 when
 *     validation data was given or nothing was held out
 * @param planes the planes training patches come from ({@link TrainingPlanes#resolve}); cut from {@code train},
 *     which no longer holds the held-out slices, so no xz or yz patch reaches into them
 */
public record TrainingInputs(LabelledVolume train, Optional<LabelledVolume> valid, int heldOut,
        Normalisation normalisation,
        float[] classWeights, Optional<InitialWeights> init, Optional<EncoderWeights> encoderWeights,
        TrainingDataHash trainFingerprint, Optional<TrainingDataHash> validFingerprint, List<Plane> planes) {

    public static TrainingInputs prepare(TrainingConfig config) {
        TrainingSet d = config.data();
        Hyperparameters c = config.hyper();
        checkOutput(config.run(), c.frames());
        // the weights files are read once, here: checked against every network of the run, then used
        Optional<InitialWeights> init = c.init().map(InitialWeights::read);
        Optional<EncoderWeights> encoder = c.encoderWeights().map(EncoderWeights::load);
        for (int f : c.frames()) {
            NetworkSpec spec = new NetworkSpec(c.architecture(), f, d.classes(), c.width());
            init.ifPresent(w -> w.checkFits(spec));
            encoder.ifPresent(w -> w.checkFits(spec, c.encoderWeights().get()));
        }
        LabelledVolume train = LabelledVolume.read(d.images(), d.labels(), d.labelMapping());
        checkFits(train, d.images(), c);
        TrainingDataHash trainFingerprint = TrainingDataHash.of(train); // of the data as given, not downsampled
        Optional<LabelledVolume> valid = Optional.empty();
        int heldOut = d.validImages().isPresent() ? 0
                : Holdout.slices(d.holdoutSlices(), train.depth(), Collections.max(c.frames()), d.images());
        if (heldOut > 0) {
            // validation is scored at full resolution, as prediction runs; only training sees downsampled slices
            valid = Optional.of(train.slices(train.depth() - heldOut, train.depth()));
            train = train.slices(0, train.depth() - heldOut);
        }
        train = train.downsampled(c.downsample());
        List<Plane> planes = c.planes().resolve(train.voxelSize(), train.depth(), c.patch(), d.images());
        if (d.validImages().isPresent()) {
            LabelledVolume v = LabelledVolume.read(d.validImages().get(), d.validLabels().get(), d.labelMapping());
            int maxFrames = Collections.max(c.frames());
            if (v.depth() < maxFrames) {
                throw tooFewSlices(d.validImages().get(), v, maxFrames);
            }
            int side = Math.min(v.height(), v.width());
            int needed = c.architecture().inputMultiple() * c.downsample();
            if (side < needed) {
                throw new VemsegException.InvalidInput(d.validImages().get() + ": slices " + v.height() + "×"
                        + v.width() + " are smaller than the " + needed + " px " + c.architecture()
                        + (c.downsample() > 1 ? " at " + Settings.name("downsample") + " " + c.downsample() : "")
                        + " needs");
            }
            valid = Optional.of(v);
        }
        double[] ms = train.meanStd();
        if (!(ms[1] > 0)) {
            throw new VemsegException.InvalidInput(d.images() + ": all voxels have the same value " + ms[0]);
        }
        long[] counts = checkClassesPresent(train.classCounts(d.classes()), d);
        float[] weights;
        try {
            weights = c.classWeights().resolve(counts);
        } catch (IllegalArgumentException e) {
            throw new VemsegException.InvalidInput(Settings.name("classWeights") + ": " + e.getMessage());
        }
        return new TrainingInputs(train, valid, heldOut, new Normalisation(ms[0], ms[1]), weights, init, encoder,
                trainFingerprint, d.validImages().isPresent() ? valid.map(TrainingDataHash::of) : Optional.empty(),
                planes);
    }

    /**
     * A class that never occurs cannot be learned, and its automatic weight would be meaningless (its
     * frequency is zero). Binary runs need only the foreground, as they always did.
     */
    private static long[] checkClassesPresent(long[] counts, TrainingSet c) {
        if (c.classes() == 2) {
            if (counts[1] == 0) {
                throw new VemsegException.InvalidInput(c.labels() + ": no foreground voxels; check "
                        + Settings.name("foreground"));
            }
            return counts;
        }
        List<Integer> missing = IntStream.range(0, counts.length).filter(k -> counts[k] == 0).boxed().toList();
        if (!missing.isEmpty()) {
            throw new VemsegException.InvalidInput(c.labels() + ": class(es) " + missing + " of "
                    + Settings.name("classes") + " " + c.classes() + " never occur in the training labels; every class "
                    + "needs examples");
        }
        return counts;
    }

    /**
     * Without {@code resume}, a new run must not silently take the place of an interrupted one (whose checkpoints
     * it would overwrite) nor of an existing model or log; with it, the decision to replace them was made when the
     * interrupted run started.
     */
    private static void checkOutput(RunOptions c, List<Integer> frames) {
        Path out = c.out().toAbsolutePath();
        if (!c.resume() && !c.overwrite()) {
            Optional<Path> checkpoint = c.allCheckpoints().stream().filter(Files::exists).findFirst();
            if (checkpoint.isPresent()) {
                throw new VemsegException.InvalidInput(c.out() + ": an interrupted run left a checkpoint ("
                        + checkpoint.get().getFileName() + "); use " + Settings.name("resume") + " to continue it or "
                        + Settings.name("overwrite") + " to start again");
            }
            for (Path p : List.of(c.out(), c.log())) {
                if (Files.exists(p)) {
                    throw new VemsegException.InvalidInput(p + ": output exists; use " + Settings.name("overwrite")
                            + " to replace it");
                }
            }
        }
        if (c.resume() && frames.stream().noneMatch(f -> Files.exists(c.checkpoint(f)))) {
            throw new VemsegException.InvalidInput(c.out() + ": no checkpoint to resume (expected "
                    + c.checkpoint(frames.get(0)).getFileName() + " beside it)");
        }
        Path parent = out.getParent();
        if (!Files.isDirectory(parent)) {
            throw new VemsegException.IO(c.out() + ": cannot write output: folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new VemsegException.IO(c.out() + ": cannot write output: permission denied");
        }
    }

    private static void checkFits(LabelledVolume v, Path images, Hyperparameters c) {
        int maxFrames = Collections.max(c.frames());
        if (v.depth() < maxFrames) {
            throw tooFewSlices(images, v, maxFrames);
        }
        int f = c.downsample();
        if (c.patch() > v.height() / f || c.patch() > v.width() / f) {
            throw new VemsegException.InvalidInput(images + ": patch " + c.patch() + " px is larger than the slices ("
                    + v.height() + "×" + v.width() + (f > 1 ? ", " + v.height() / f + "×" + v.width() / f
                    + " after " + Settings.name("downsample") + " " + f : "") + "); use a smaller "
                    + Settings.name("patch"));
        }
    }

    private static VemsegException tooFewSlices(Path images, LabelledVolume v, int frames) {
        return new VemsegException.InvalidInput(images + ": " + v.depth() + " slice(s), fewer than the " + frames
                + " frames requested");
    }
}
