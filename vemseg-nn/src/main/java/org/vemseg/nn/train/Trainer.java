package org.vemseg.nn.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Provenance;
import org.vemseg.nn.data.Augmenter;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.ResUNet;
import org.vemseg.nn.pretrain.EncoderWeights;

/**
 * Trains one network per requested frame count and writes them as one {@code .vsm} bundle.
 *
 * <p>Per member: random patches ({@link PatchSampler}) → {@link Augmenter} → forward → {@link SegmentationLoss}
 * → backward → {@link Optimiser} with its schedule; the patches of the next step are prepared on a background
 * thread ({@link BatchPrefetcher}) while the engine computes. Every {@code validateEvery} iterations the network is
 * scored on the validation volume and the best weights (foreground IoU: the mean over classes 1 .. N − 1) are
 * kept; every {@code checkpointEvery} iterations, and when stopped, a {@link Checkpoint} is written beside the
 * output.
 * A time budget is turned into an iteration count after {@value #FIT_AFTER} iterations (and one validation),
 * so the learning-rate schedule completes within the budget.
 *
 * <p>Reproducibility: with a fixed iteration count, the same seed and the same thread count, a run on the CPU
 * is deterministic (StrictMath on the Java side, see {@link SeededRandom}), and a resumed run ends with the same
 * weights, bit for bit, as an uninterrupted one. A Trainer instance runs once after {@link #requestStop()}.
 */
public final class Trainer {

    /** Iterations between re-fits of the iteration count to a time budget (after the first fit). */
    private static final int REFIT_EVERY = 25;

    /** Iterations timed before a time budget is converted into an iteration count. */
    static final int FIT_AFTER = 5;
    private static final long PROVISIONAL_TOTAL = 10_000;

    private volatile boolean stopRequested;

    /** Developer option {@code -Dvemseg.profile=FILE}: the engine's profile of iterations 50–99 (first network). */
    private final Optional<EngineProfile> profile = EngineProfile.requested();

    /** Asks the running training to write a checkpoint and return; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs the training described by {@code c}. Bad input fails before training with a one-line
     * {@link VemsegException}. Ctrl-C during the run writes checkpoints ({@code resume} continues).
     */
    public TrainingResult run(TrainingConfig c, Progress progress) {
        TrainingInputs in = TrainingInputs.prepare(c);
        Device device = device(c);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vemseg-train-checkpoint");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return trainAll(c, in, device, progress);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and waits for `done`, released above
            }
        }
    }

    private static Device device(TrainingConfig c) {
        if (!c.gpu()) {
            return Device.cpu();
        }
        if (Engine.getInstance().getGpuCount() == 0) {
            throw new VemsegException.InvalidInput("--device gpu: PyTorch sees no GPU (this build has CPU "
                    + "natives; build with -P gpu on a CUDA machine)");
        }
        return Device.gpu();
    }

    private TrainingResult trainAll(TrainingConfig c, TrainingInputs in, Device device, Progress progress) {
        if (!c.resume()) {
            discardInterruptedRun(c);
        }
        c.allCheckpoints().forEach(AtomicFile::deleteLeftovers);
        CheckpointSettings settings = CheckpointSettings.of(c, in);
        // The log is written beside the checkpoints until the model exists, so that an earlier model's log is
        // replaced only together with that model, and a resumed run continues the log of the run it continues.
        TrainingLog log = c.resume() ? null : TrainingLog.create(c.partialLog(), c.classes());
        List<TrainingResult.Member> results = new ArrayList<>();
        List<MemberManifest> manifests = new ArrayList<>();
        List<byte[]> weights = new ArrayList<>();
        double spent = 0;
        for (int i = 0; i < c.frames().size(); i++) {
            int frames = c.frames().get(i);
            double budget = c.maxMinutes() > 0 ? (c.maxMinutes() * 60 - spent) / (c.frames().size() - i) : 0;
            MemberRun run = new MemberRun(c, in, settings, device, frames, budget, progress, log != null ? log
                    : TrainingLog.resume(c.partialLog(), c.classes(), frames, resumeIteration(c, frames)));
            MemberOutcome o = run.train();
            spent += o.result().seconds();
            results.add(o.result());
            if (o.interrupted()) {
                return new TrainingResult(null, results, true);
            }
            manifests.add(MemberManifest.of(run.spec, ModelBundle.weightsEntry(i), o.provenance()));
            weights.add(o.weights());
        }
        writeBundle(c, in, manifests, weights, device);
        // After the model: a crash in between leaves the finished checkpoints, and --resume writes both again.
        AtomicFile.rename(c.partialLog(), c.log(), "move training log into place");
        for (int f : c.frames()) {
            try {
                Files.deleteIfExists(c.checkpoint(f));
            } catch (IOException ignored) {
                // a leftover checkpoint is harmless; the model is written
            }
        }
        return new TrainingResult(c.out(), results, false);
    }

    /**
     * Removes what an interrupted run of this output left (its checkpoints, of any member, and its log): a new
     * run was asked for, and {@link TrainingInputs} has refused it unless {@code overwrite} allowed that.
     */
    private static void discardInterruptedRun(TrainingConfig c) {
        List<Path> files = new ArrayList<>(c.allCheckpoints());
        files.add(c.partialLog());
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw VemsegException.IO.of(p, "remove the file of an interrupted run", e);
            }
        }
    }

    private static long resumeIteration(TrainingConfig c, int frames) {
        Path p = c.checkpoint(frames);
        return Files.exists(p) ? Checkpoint.load(p).state().iteration() : 0;
    }

    private static void writeBundle(TrainingConfig c, TrainingInputs in, List<MemberManifest> manifests,
            List<byte[]> weights, Device device) {
        double[] voxel = in.train().voxelSize().map(v -> new double[] {v.z(), v.y(), v.x()}).orElse(null);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, ModelManifest.currentVemsegVersion(),
                c.classNames(), in.normalisation(), voxel, manifests, c.downsample());
        try (NDManager m = NDManager.newBaseManager(device)) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < manifests.size(); i++) {
                Block b = manifests.get(i).spec().newInitializedBlock(m);
                ModelBundle.loadParameters(b, weights.get(i), m, c.out().toString());
                blocks.add(b);
            }
            new ModelBundle(manifest, blocks).save(c.out(), c.overwrite() || c.resume());
        }
    }

    private record MemberOutcome(TrainingResult.Member result, Provenance provenance, byte[] weights,
            boolean interrupted) {
    }

    /** The training of one member network: the loop and its state. */
    private final class MemberRun {
        private final TrainingConfig c;
        private final TrainingInputs in;
        private final Device device;
        private final int frames;
        private final double budgetSeconds;
        private final Progress progress;
        private final TrainingLog log;
        private final NetworkSpec spec;
        private final Path checkpointPath;
        private final CheckpointSettings settings;

        private long iteration;
        private long total;
        private boolean totalFixed;
        private double seconds;
        /** Random state after the last batch consumed; the prefetcher's generator may be one batch ahead. */
        private long rngState;
        private double bestScore = -1;
        private double lastScore = Double.NaN;
        private long bestIteration;
        private double[] bestIoU;
        private double[] bestF1;
        private byte[] bestParams;
        /** Parameters of {@code --init} left at their initialisation (class layers of another class count). */
        private int initSkipped;

        MemberRun(TrainingConfig c, TrainingInputs in, CheckpointSettings settings, Device device, int frames,
                double budgetSeconds, Progress progress, TrainingLog log) {
            this.c = c;
            this.in = in;
            this.settings = settings;
            this.device = device;
            this.frames = frames;
            this.budgetSeconds = budgetSeconds;
            this.progress = progress;
            this.log = log;
            this.spec = new NetworkSpec(c.architecture(), frames, c.classes(), c.width());
            this.checkpointPath = c.checkpoint(frames);
        }

        MemberOutcome train() {
            try (NDManager m = NDManager.newBaseManager(device)) {
                Engine.getInstance().setRandomSeed((int) (c.seed() * 31 + frames));
                Block net = spec.newInitializedBlock(m);
                initialise(net, m);
                rngState = c.seed() * 1_000_003L + frames;
                total = c.iterations() > 0 ? c.iterations() : PROVISIONAL_TOTAL;
                totalFixed = c.iterations() > 0;
                Checkpoint resumed = c.resume() && Files.exists(checkpointPath) ? Checkpoint.load(checkpointPath) : null;
                if (resumed != null) {
                    restore(resumed, net, m);
                    if (resumed.state().finished()) {
                        return outcome(net, new double[0], 0, false);
                    }
                }
                List<Parameter> trainable = new ArrayList<>();
                for (Parameter p : net.getParameters().values()) {
                    if (p.requiresGradient()) {
                        p.getArray().setRequiresGradient(true);
                        trainable.add(p);
                    }
                }
                Optimiser opt = Optimiser.create(c.optimizer(), trainable);
                if (resumed != null) {
                    opt.loadState(NDList.decode(m, resumed.optimizer()));
                }
                return loop(net, m, opt);
            }
        }

        private void initialise(Block net, NDManager m) {
            if (c.init().isPresent()) {
                initSkipped = InitialWeights.load(c.init().get(), spec, net, m);
            }
            if (c.encoderWeights().isPresent()) {
                Path path = c.encoderWeights().get();
                EncoderWeights w = EncoderWeights.load(path);
                w.checkFits(spec, path);
                w.loadInto(((ResUNet) net).encoder(), spec.frames(), m, path);
            }
            if (c.freezeEncoder()) {
                if (!(net instanceof ResUNet r)) {
                    throw new VemsegException.InvalidInput("--freeze-encoder needs --arch resunet or resunet50");
                }
                r.encoder().freezeParameters(true);
            }
        }

        private void restore(Checkpoint k, Block net, NDManager m) {
            Checkpoint.State s = k.state();
            if (s.classes() != c.classes()) {
                throw new VemsegException.InvalidInput(checkpointPath + ": checkpoint was trained for "
                        + s.classes() + " classes but --classes " + c.classes() + " was given; resume with --classes "
                        + s.classes() + " or remove it");
            }
            Optional<String> difference = s.frames() != frames
                    ? Optional.of("frames: was " + s.frames() + ", now " + frames)
                    : settings.differenceFrom(s.config());
            if (difference.isPresent()) {
                throw new VemsegException.InvalidInput(checkpointPath + ": checkpoint was written with other "
                        + "settings or data (" + difference.get() + "); resume with the same options and data, or "
                        + "use --overwrite to start again");
            }
            ModelBundle.loadParameters(net, k.params(), m, checkpointPath.toString());
            iteration = s.iteration();
            total = s.total();
            totalFixed = s.totalFixed();
            seconds = s.seconds();
            rngState = s.rngState();
            bestScore = s.bestScore();
            bestIteration = s.bestIteration();
            bestIoU = s.bestIoU();
            bestF1 = s.bestF1();
            bestParams = k.bestParams();
        }

        private MemberOutcome loop(Block net, NDManager m, Optimiser opt) {
            PatchSampler sampler = new PatchSampler(in.train(), in.normalisation(), frames, c.patch());
            Augmenter augmenter = new Augmenter(c.augmentation());
            SegmentationLoss lossFn = new SegmentationLoss(in.classWeights(), c.dice());
            LrSchedule schedule = LrSchedule.forOptimizer(c.optimizer(), c.learningRate());
            Optional<Validator> validator = in.valid().map(v -> new Validator(v, in.normalisation(), frames,
                    c.architecture().inputMultiple(), c.classes(), c.downsample()));
            ParameterStore ps = new ParameterStore(m, false);
            BatchPrefetcher batches = new BatchPrefetcher(sampler, augmenter, lossFn, new SeededRandom(rngState),
                    c.batch(), frames, c.patch());
            List<Double> losses = new ArrayList<>();
            long sessionStart = System.nanoTime();
            long sessionIterations = 0;
            double offset = seconds;
            boolean timeMode = !totalFixed || c.maxMinutes() > 0;
            long fitIteration = 0;
            double fitSeconds = 0;
            double validationSeconds = 0;
            double perValidation = 0;
            progress.start("training " + spec.architecture() + " " + frames + "-frame", timeMode
                    ? (long) Math.ceil(budgetSeconds) : total, timeMode ? "s" : "it");
            long reported = timeMode ? (long) seconds : iteration;
            progress.advance(reported);
            try {
                while (iteration < total) {
                    if (stopRequested) {
                        saveCheckpoint(net, opt, false);
                        return outcome(net, toArray(losses), rate(sessionIterations, sessionStart), true);
                    }
                    double lr = schedule.at(iteration, total);
                    profile.ifPresent(pr -> pr.before(iteration));
                    double loss = step(net, m, ps, batches.next(), lossFn, opt, lr);
                    profile.ifPresent(pr -> pr.after(iteration));
                    losses.add(loss);
                    iteration++;
                    sessionIterations++;
                    seconds = offset + (System.nanoTime() - sessionStart) / 1e9;
                    SegmentationMetrics scores = null;
                    if (!totalFixed && iteration == FIT_AFTER) {
                        // First estimate, pessimistic because it includes warm-up (graph set-up, JIT).
                        if (validator.isPresent()) {
                            long t0 = System.nanoTime();
                            scores = validate(validator.get(), net, m);
                            perValidation = (System.nanoTime() - t0) / 1e9;
                            validationSeconds += perValidation;
                        }
                        seconds = offset + (System.nanoTime() - sessionStart) / 1e9;
                        fitIteration = iteration;
                        fitSeconds = seconds - validationSeconds;
                        validationSeconds = 0;
                        total = refit(iteration, seconds, seconds / iteration, perValidation);
                        totalFixed = true;
                    } else if (fitIteration > 0 && iteration % REFIT_EVERY == 0) {
                        // Re-fit on the steady-state speed since warm-up, so the schedule ends on the budget.
                        double trainSeconds = seconds - validationSeconds - fitSeconds;
                        total = refit(iteration, seconds, trainSeconds / (iteration - fitIteration), perValidation);
                    }
                    if (c.maxMinutes() > 0 && seconds >= budgetSeconds) {
                        total = iteration;
                    }
                    if (validator.isPresent() && scores == null
                            && (iteration % c.validateEvery() == 0 || iteration == total)) {
                        long t0 = System.nanoTime();
                        scores = validate(validator.get(), net, m);
                        perValidation = (System.nanoTime() - t0) / 1e9;
                        validationSeconds += perValidation;
                        seconds = offset + (System.nanoTime() - sessionStart) / 1e9;
                    }
                    log.append(frames, iteration, seconds / 60, loss, lr, scores);
                    progress.message(status(loss));
                    long now = timeMode ? (long) seconds : iteration;
                    progress.advance(now - reported);
                    reported = now;
                    if (iteration % c.checkpointEvery() == 0 && iteration < total) {
                        saveCheckpoint(net, opt, false);
                    }
                }
                saveCheckpoint(net, opt, true);
            } finally {
                batches.close();
                progress.finish();
            }
            return outcome(net, toArray(losses), rate(sessionIterations, sessionStart), false);
        }

        /** Iteration count that ends training when the time budget is spent, at the given speeds. */
        private long refit(long iteration, double seconds, double perIteration, double perValidation) {
            double remaining = budgetSeconds - seconds;
            return iteration + Math.max(1, (long) (remaining / (perIteration + perValidation / c.validateEvery())));
        }

        private double step(Block net, NDManager parent, ParameterStore ps, BatchPrefetcher.Batch batch,
                SegmentationLoss lossFn, Optimiser opt, double lr) {
            rngState = batch.rngStateAfter();
            int p = c.patch();
            try (NDManager m = parent.newSubManager()) {
                NDArray input = m.create(batch.images(), new Shape(c.batch(), frames, p, p));
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.forward(ps, new NDList(input), true).singletonOrThrow();
                    loss = lossFn.compute(m, logits, batch.targets());
                    gc.backward(loss);
                }
                double value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    throw new VemsegException("training diverged at iteration " + (iteration + 1)
                            + " (loss " + value + "); lower --lr");
                }
                opt.step(lr, iteration + 1);
                return value;
            }
        }

        /**
         * Scores the network; keeps its weights if the foreground IoU (the mean over classes 1 .. N − 1, class 1's
         * in a binary run) improved.
         */
        private SegmentationMetrics validate(Validator v, Block net, NDManager m) {
            SegmentationMetrics s = v.score(net, m);
            double[] iou = s.iou();
            double score = SegmentationMetrics.foregroundMean(iou);
            lastScore = score;
            if (score > bestScore) {
                bestScore = score;
                bestIteration = iteration;
                bestIoU = iou;
                bestF1 = s.f1();
                bestParams = ModelBundle.parameters(net);
            }
            return s;
        }

        /** The progress bar's status: this step's loss and the latest validation's foreground IoU. */
        private String status(double loss) {
            String s = String.format(Locale.ROOT, "loss %.3f", loss);
            return Double.isNaN(lastScore) ? s : s + String.format(Locale.ROOT, ", val IoU %.3f", lastScore);
        }

        private void saveCheckpoint(Block net, Optimiser opt, boolean finished) {
            Checkpoint.State s = new Checkpoint.State(settings.text(), frames, iteration, total, totalFixed, seconds,
                    rngState, bestScore, bestIteration, bestIoU, bestF1, finished, c.classes());
            new Checkpoint(s, ModelBundle.parameters(net), opt.state().encode(), bestParams).save(checkpointPath);
        }

        private MemberOutcome outcome(Block net, double[] losses, double rate, boolean interrupted) {
            byte[] weights = bestParams != null ? bestParams : ModelBundle.parameters(net);
            long kept = bestParams != null ? bestIteration : iteration;
            Map<String, String> hp = new LinkedHashMap<>();
            hp.put("architecture", spec.architecture().id());
            hp.put("width", String.valueOf(spec.width()));
            hp.put("frames", String.valueOf(frames));
            hp.put("patch", String.valueOf(c.patch()));
            hp.put("downsample", String.valueOf(c.downsample()));
            hp.put("batch", String.valueOf(c.batch()));
            hp.put("optimizer", c.optimizer().toString());
            hp.put("learningRate", String.valueOf(c.learningRate()));
            hp.put("schedule", c.optimizer() == OptimizerKind.SGD ? "poly 0.8" : "one-cycle");
            hp.put("classWeights", Arrays.toString(in.classWeights()));
            hp.put("dice", String.valueOf(c.dice()));
            hp.put("augmentation", c.augmentation().toString());
            hp.put("seed", String.valueOf(c.seed()));
            hp.put("freezeEncoder", String.valueOf(c.freezeEncoder()));
            c.encoderWeights().ifPresent(p -> hp.put("encoderWeights", p.toString()));
            hp.put("labelMapping", c.labelMapping().toString());
            if (initSkipped > 0) {
                hp.put("initClassLayers", "re-initialised (" + initSkipped + " parameters; --init has another "
                        + "class count)");
            }
            Provenance prov = new Provenance(in.train().shape(), in.valid().map(v -> v.shape()).orElse(null),
                    iteration, seconds / 60, kept, bestIoU, bestF1, OffsetDateTime.now().toString(), hp,
                    c.init().map(Path::toString).orElse(null));
            TrainingResult.Member r = new TrainingResult.Member(frames, iteration, seconds, rate, losses, bestIoU,
                    bestF1);
            return new MemberOutcome(r, prov, weights, interrupted);
        }
    }

    private static double rate(long iterations, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return s > 0 ? iterations / s : 0;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
