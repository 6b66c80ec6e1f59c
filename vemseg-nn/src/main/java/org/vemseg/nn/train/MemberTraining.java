package org.vemseg.nn.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Plane;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.Provenance;
import org.vemseg.nn.data.Augmenter;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.ResUNet;

/**
 * The training of one member network of a run: its start (fresh, from {@code init} or pre-trained encoder
 * weights, or from its checkpoint), the {@link FitLoop} with the listeners of a training run, and what it
 * produced.
 */
final class MemberTraining {

    /** Schedule length until a time budget is fitted. */
    private static final long PROVISIONAL_TOTAL = 10_000;

    /** What training a member produced: its result, provenance and kept weights. */
    record Outcome(TrainingResult.Member result, Provenance provenance, byte[] weights, boolean interrupted) {
    }

    private final TrainingConfig c;
    private final Hyperparameters h;
    private final RunOptions r;
    private final TrainingInputs in;
    private final CheckpointSettings settings;
    private final int frames;
    private final NetworkSpec spec;
    private final Path checkpointPath;
    private final BestWeights best = new BestWeights();
    /** Parameters of {@code init} left at their initialisation (class layers of another class count). */
    private int initSkipped;

    MemberTraining(TrainingConfig c, TrainingInputs in, CheckpointSettings settings, int frames) {
        this.c = c;
        this.h = c.hyper();
        this.r = c.run();
        this.in = in;
        this.settings = settings;
        this.frames = frames;
        this.spec = new NetworkSpec(h.architecture(), frames, c.classes(), h.width());
        this.checkpointPath = r.checkpoint(frames);
    }

    NetworkSpec spec() {
        return spec;
    }

    /**
     * Trains on {@code device}, reporting to {@code progress} within {@code budgetSeconds} (if the run has a time
     * budget), appending to {@code log}, until done or {@code stop} says so.
     */
    Outcome train(Device device, double budgetSeconds, Progress progress, TrainingLog log,
            Optional<EngineProfile> profile, BooleanSupplier stop) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed((int) (h.seed() * 31 + frames));
            Block net = spec.newInitializedBlock(m);
            initialise(net, m);
            Checkpoint resumed = r.resume() && Files.exists(checkpointPath) ? Checkpoint.load(checkpointPath) : null;
            if (resumed != null) {
                restore(resumed, net, m);
                if (resumed.state().finished()) {
                    return outcome(net, WeightAverageListener.State.of(resumed), Optional.empty(),
                            resumed.state().iteration(), resumed.state().seconds(), new double[0], 0, false);
                }
            }
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : net.getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                    trainable.add(p);
                }
            }
            Optimiser opt = Optimiser.create(h.optimizer(), trainable);
            if (resumed != null) {
                opt.loadState(NDList.decode(m, resumed.optimizer()));
            }
            Optional<WeightAverageListener> average = h.weightAverage() == WeightAveraging.NONE ? Optional.empty()
                    : Optional.of(averaging(net, opt, m, resumed));
            return fit(net, m, opt, resumed == null ? null : resumed.state(), average, budgetSeconds, progress, log,
                    profile, stop);
        }
    }

    /** The weight average of {@code net}, continued from {@code resumed} if that has one. */
    private WeightAverageListener averaging(Block net, Optimiser opt, NDManager m, Checkpoint resumed) {
        Block shadow = spec.newInitializedBlock(m);
        WeightAverageListener.State at = resumed == null ? WeightAverageListener.State.NONE
                : WeightAverageListener.State.of(resumed);
        if (at.params() != null) {
            ModelBundle.loadParameters(shadow, at.params(), m, checkpointPath.toString());
        }
        // a random stream of its own (the training's must not change), the same in a resumed run
        long statisticsSeed = ~(h.seed() * 1_000_003L + frames);
        return new WeightAverageListener(h.weightAverage(), new AveragedNetwork(net, shadow, opt, m),
                () -> batches(new SegmentationLoss(in.classWeights(), h.dice(), h.boundaryWeight()), statisticsSeed),
                input(), at);
    }

    /** Augmented training batches as the steps draw them, from random state {@code rngState}. */
    private BatchPrefetcher batches(SegmentationLoss loss, long rngState) {
        return new BatchPrefetcher(new PatchSampler(in.train(), in.planes(), in.normalisation(), frames, h.patch()),
                new Augmenter(h.augmentation()), loss, new SeededRandom(rngState), h.batch(), frames, h.patch());
    }

    private Shape input() {
        return new Shape(h.batch(), frames, h.patch(), h.patch());
    }

    /** The loop, from the start or from checkpoint state {@code at}, with the listeners of a training run. */
    private Outcome fit(Block net, NDManager m, Optimiser opt, Checkpoint.State at,
            Optional<WeightAverageListener> average, double budgetSeconds, Progress progress, TrainingLog log,
            Optional<EngineProfile> profile, BooleanSupplier stop) {
        Optional<ValidationListener> validation = in.valid().map(v -> new ValidationListener(new Validator(v,
                in.normalisation(), frames, h.architecture().inputMultiple(), c.classes(), h.downsample()), net, m,
                r.validateEvery(), best, () -> average.flatMap(WeightAverageListener::validatable)));
        SegmentationLoss loss = new SegmentationLoss(in.classWeights(), h.dice(), h.boundaryWeight());
        long rngState = at == null ? h.seed() * 1_000_003L + frames : at.rngState();
        try (SegmentationStep step = new SegmentationStep(net, m, batches(loss, rngState), loss,
                h.classWeights(), opt, input(), rngState)) {
            FitState s = at != null ? new FitState(at.iteration(), at.total(), at.totalFixed(), at.seconds())
                    : new FitState(0, r.iterations() > 0 ? r.iterations() : PROVISIONAL_TOTAL, r.iterations() > 0, 0);
            List<TrainingListener> listeners = new ArrayList<>();
            profile.ifPresent(listeners::add);
            listeners.add(new ScheduleListener(h.schedule()));
            if (r.maxMinutes() > 0) {
                listeners.add(TimeBudget.forTraining(budgetSeconds, validation, r.validateEvery()));
            }
            average.ifPresent(listeners::add);
            validation.ifPresent(listeners::add);
            listeners.add(log.rows(frames, it -> validation.map(v -> v.scoresAt(it)).orElse(null)));
            String task = "training " + spec.architecture() + " " + frames + "-frame";
            listeners.add(r.maxMinutes() > 0
                    ? ProgressListener.seconds(progress, task, budgetSeconds, st -> status(st, validation))
                    : ProgressListener.iterations(progress, task, st -> status(st, validation)));
            listeners.add(new CheckpointListener(r.checkpointEvery(),
                    finished -> saveCheckpoint(s, step.rngState(), net, opt, average, finished)));
            boolean finished = FitLoop.fit(s, step, listeners, stop);
            return outcome(net, averageState(average), validation, s.iteration(), s.seconds(), s.sessionLosses(),
                    s.iterationsPerSecond(), !finished);
        }
    }

    private void saveCheckpoint(FitState s, long rngState, Block net, Optimiser opt,
            Optional<WeightAverageListener> average, boolean finished) {
        WeightAverageListener.State a = averageState(average);
        Checkpoint.State state = new Checkpoint.State(settings.text(), frames, s.iteration(), s.total(),
                s.totalFixed(), s.seconds(), rngState, best.score, best.iteration, best.iou, best.f1, finished,
                c.classes(), a.samples(), a.from(), best.averaged);
        new Checkpoint(state, ModelBundle.parameters(net), opt.state().encode(), best.params, a.params())
                .save(checkpointPath);
    }

    private static WeightAverageListener.State averageState(Optional<WeightAverageListener> average) {
        return average.map(WeightAverageListener::state).orElse(WeightAverageListener.State.NONE);
    }

    /** The progress bar's status: this step's loss and the latest validation's foreground IoU. */
    private static String status(FitState s, Optional<ValidationListener> validation) {
        String text = String.format(Locale.ROOT, "loss %.3f", s.loss());
        double score = validation.map(ValidationListener::lastScore).orElse(Double.NaN);
        return Double.isNaN(score) ? text : text + String.format(Locale.ROOT, ", val IoU %.3f", score);
    }

    private void initialise(Block net, NDManager m) {
        in.init().ifPresent(w -> initSkipped = w.loadInto(spec, net, m));
        in.encoderWeights().ifPresent(w -> w.loadInto(((ResUNet) net).encoder(), spec.frames(), m,
                h.encoderWeights().get()));
        if (h.freezeEncoder()) {
            if (!(net instanceof ResUNet u)) {
                throw new VemsegException.InvalidInput(Settings.name("freezeEncoder") + " needs "
                        + Settings.name("arch") + " resunet or resunet50");
            }
            u.encoder().freezeParameters(true);
        }
    }

    private void restore(Checkpoint k, Block net, NDManager m) {
        Checkpoint.State s = k.state();
        String classes = Settings.name("classes");
        if (s.classes() != c.classes()) {
            throw new VemsegException.InvalidInput(checkpointPath + ": checkpoint was trained for " + s.classes()
                    + " classes but " + classes + " " + c.classes() + " was given; resume with " + classes + " "
                    + s.classes() + " or remove it");
        }
        Optional<String> difference = s.frames() != frames
                ? Optional.of("frames: was " + s.frames() + ", now " + frames)
                : settings.differenceFrom(s.config());
        if (difference.isPresent()) {
            throw new VemsegException.InvalidInput(checkpointPath + ": checkpoint was written with other settings "
                    + "or data (" + difference.get() + "); resume with the same options and data, or use "
                    + Settings.name("overwrite") + " to start again");
        }
        ModelBundle.loadParameters(net, k.params(), m, checkpointPath.toString());
        best.restore(k);
    }

    /**
     * What the member produced: the best validated weights, or without validation the weight average if there is
     * one, else the last weights.
     */
    private Outcome outcome(Block net, WeightAverageListener.State average, Optional<ValidationListener> validation,
            long iteration, double seconds, double[] losses, double rate, boolean interrupted) {
        byte[] weights = best.params != null ? best.params
                : average.params() != null ? average.params() : ModelBundle.parameters(net);
        long kept = best.params != null ? best.iteration : iteration;
        Map<String, String> hp = h.provenance(frames, c.data().labelMapping(), in.classWeights());
        hp.put("planes", Plane.names(in.planes()) + (h.planes().isAuto() ? " (auto)" : ""));
        String averaging = null;
        if (h.weightAverage() != WeightAveraging.NONE) {
            averaging = WeightAverageListener.keptWeights(h.weightAverage(), best, average.params() != null,
                    validation);
            hp.put("averagedWeights", WeightAverageListener.describe(h.weightAverage(), average, iteration));
            hp.put("keptWeights", averaging);
        }
        if (initSkipped > 0) {
            hp.put("initClassLayers", "re-initialised (" + initSkipped + " parameters; the initial model has another "
                    + "class count)");
        }
        Provenance prov = new Provenance(in.train().shape(), in.valid().map(v -> v.shape()).orElse(null),
                iteration, seconds / 60, kept, best.iou, best.f1, OffsetDateTime.now().toString(), hp,
                h.init().map(Path::toString).orElse(null));
        return new Outcome(new TrainingResult.Member(frames, iteration, seconds, rate, losses, best.iou, best.f1,
                averaging), prov, weights, interrupted);
    }
}
