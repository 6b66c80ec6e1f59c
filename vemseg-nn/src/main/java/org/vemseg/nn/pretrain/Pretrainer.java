package org.vemseg.nn.pretrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;
import org.vemseg.nn.bundle.EncoderWeights;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.data.SeededRandom;
import org.vemseg.nn.train.CheckpointListener;
import org.vemseg.nn.train.FitLoop;
import org.vemseg.nn.train.FitState;
import org.vemseg.nn.train.LrSchedule;
import org.vemseg.nn.train.ProgressListener;
import org.vemseg.nn.train.ScheduleListener;
import org.vemseg.nn.train.TimeBudget;
import org.vemseg.nn.train.TrainingListener;

/**
 * MoCo v2 self-supervised pre-training of the ResUNet's ResNet-18 or ResNet-50 encoder on unlabeled EM patches:
 * {@link MocoStep}s in the {@link FitLoop} of training, with a cosine-decayed learning rate.
 *
 * <p>Checkpoints ({@link PretrainCheckpoint}) every {@code checkpointEvery} iterations and when stopped
 * ({@link #requestStop()}, which a front end calls on Ctrl-C); with a fixed iteration count, seed and thread count
 * a resumed run ends with the same weights as an uninterrupted one. The output is the query encoder alone
 * ({@link EncoderWeights}). A Pretrainer instance runs once after {@link #requestStop()}.
 */
public final class Pretrainer {

    /** Iterations timed before a time budget is converted into an iteration count. */
    static final int FIT_AFTER = 10;
    private static final long PROVISIONAL_TOTAL = 100_000;
    /** Patches sampled to estimate the grey-level mean and standard deviation. */
    private static final int NORMALISATION_SAMPLE = 512;

    private volatile boolean stopRequested;

    /** Asks the running pre-training to write a checkpoint and return; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Runs pre-training; after {@link #requestStop()} it writes a checkpoint that {@code resume} continues. */
    public PretrainResult run(PretrainConfig c, Progress progress) {
        checkOutput(c);
        PatchSet patches = PatchSet.open(c.patches(), c.cacheBytes());
        AtomicFile.deleteLeftovers(c.checkpoint());
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            return new Run(c, patches, m).train(progress);
        }
    }

    /**
     * As train's: without {@code resume}, a new run must not silently take the place of an interrupted one (whose
     * checkpoint it would overwrite) nor of an existing encoder, log or chart, unless {@code overwrite} allows it.
     */
    private static void checkOutput(PretrainConfig c) {
        Path out = c.out().toAbsolutePath();
        if (c.resume() && !Files.exists(c.checkpoint())) {
            throw new VemsegException.InvalidInput(c.out() + ": no checkpoint to resume (expected "
                    + c.checkpoint().getFileName() + " beside it)");
        }
        if (!c.resume() && !c.overwrite()) {
            if (Files.exists(c.checkpoint())) {
                throw new VemsegException.InvalidInput(c.out() + ": an interrupted run left a checkpoint ("
                        + c.checkpoint().getFileName() + "); use " + Settings.name("resume") + " to continue it or "
                        + Settings.name("overwrite") + " to start again");
            }
            for (Path p : List.of(c.out(), c.log(), c.chart())) {
                if (Files.exists(p)) {
                    throw new VemsegException.InvalidInput(p + ": output exists; use " + Settings.name("overwrite")
                            + " to replace it");
                }
            }
        }
        if (!Files.isDirectory(out.getParent())) {
            throw new VemsegException.IO(c.out() + ": cannot write output: folder " + out.getParent()
                    + " does not exist");
        }
    }

    /** One run: networks, queue, random state and the loop's start. */
    private final class Run {
        private final PretrainConfig c;
        private final PatchSet patches;
        private final MocoNetwork query;
        private final MocoNetwork key;
        private final NegativeQueue queue;
        private final SeededRandom rng;
        private final MocoStep step;
        private final PretrainLog log;
        private final FitState state;
        private final double mean;
        private final double std;

        Run(PretrainConfig c, PatchSet patches, NDManager m) {
            this.c = c;
            this.patches = patches;
            Engine.getInstance().setRandomSeed((int) c.seed());
            query = new MocoNetwork(c.arch(), c.base(), c.hidden());
            query.initialize(m, DataType.FLOAT32, new Shape(1, 1, 64, 64));
            key = new MocoNetwork(c.arch(), c.base(), c.hidden());
            key.initialize(m, DataType.FLOAT32, new Shape(1, 1, 64, 64));
            PretrainCheckpoint resumed = c.resume() ? PretrainCheckpoint.load(c.checkpoint()) : null;
            if (resumed != null) {
                PretrainCheckpoint.State s = resumed.state();
                if (!c.key().equals(s.config())) {
                    throw new VemsegException.InvalidInput(c.checkpoint() + ": checkpoint was written with other "
                            + "settings (" + s.config() + "); resume with the same options or remove it");
                }
                ModelBundle.loadParameters(query, resumed.query(), m, c.checkpoint().toString());
                ModelBundle.loadParameters(key, resumed.key(), m, c.checkpoint().toString());
                state = new FitState(s.iteration(), s.total(), s.totalFixed(), s.seconds());
                rng = new SeededRandom(s.rngState());
                mean = s.mean();
                std = s.std();
                queue = NegativeQueue.restore(NDList.decode(m, resumed.queue()).singletonOrThrow(), s.queuePointer());
                log = PretrainLog.resume(c.partialLog(), s.iteration());
            } else {
                ModelBundle.loadParameters(key, ModelBundle.parameters(query), m, "query network");
                rng = new SeededRandom(c.seed() * 1_000_003L + 17);
                double[] ms = patches.meanStd(NORMALISATION_SAMPLE);
                if (!(ms[1] > 0)) {
                    throw new VemsegException.InvalidInput(c.patches() + ": all patches have the same grey level");
                }
                mean = ms[0];
                std = ms[1];
                float[] init = new float[c.queue() * MocoNetwork.EMBEDDING];
                for (int i = 0; i < init.length; i++) {
                    init[i] = (float) rng.nextGaussian();
                }
                queue = NegativeQueue.create(m, c.queue(), MocoNetwork.EMBEDDING, init);
                state = new FitState(0, c.iterations() > 0 ? c.iterations() : PROVISIONAL_TOTAL, c.iterations() > 0, 0);
                discardInterruptedRun();
                // Beside the checkpoint until the encoder is written: an earlier encoder's log is replaced only
                // together with it, and a resumed run continues this log.
                log = PretrainLog.create(c.partialLog());
            }
            step = new MocoStep(c, patches, new ViewAugmenter(c.size(), mean, std), rng, query, key, queue, m);
            if (resumed != null) {
                step.optimiser().loadState(NDList.decode(m, resumed.optimizer()));
            }
        }

        PretrainResult train(Progress progress) {
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(new ScheduleListener(LrSchedule.cosine(c.learningRate())));
            if (c.maxMinutes() > 0) {
                listeners.add(TimeBudget.fittedOnce(c.maxMinutes() * 60, FIT_AFTER));
            }
            listeners.add(log.rows());
            listeners.add(c.maxMinutes() > 0 ? ProgressListener.seconds(progress, "MoCo v2", c.maxMinutes() * 60,
                    new LossStatus()) : ProgressListener.iterations(progress, "MoCo v2", new LossStatus()));
            listeners.add(new CheckpointListener(c.checkpointEvery(), finished -> saveCheckpoint()));
            if (!FitLoop.fit(state, step, listeners, () -> stopRequested)) {
                return result(true);
            }
            writeEncoder();
            double[][] curve = PretrainLog.losses(c.partialLog());
            LossChart.write(curve[0], curve[1], (int) Math.max(1, Math.min(100, state.iteration() / 10)),
                    "MoCo v2 pre-training, " + c.arch() + " width " + c.width() + ", " + patches.size() + " patches",
                    c.chart());
            AtomicFile.rename(c.partialLog(), c.log(), "move pre-training log into place");
            try {
                Files.deleteIfExists(c.checkpoint());
            } catch (IOException ignored) {
                // a leftover checkpoint is harmless; the encoder is written
            }
            return result(false);
        }

        private void saveCheckpoint() {
            PretrainCheckpoint.State s = new PretrainCheckpoint.State(c.key(), state.iteration(), state.total(),
                    state.totalFixed(), state.seconds(), rng.state(), queue.pointer(), mean, std);
            new PretrainCheckpoint(s, ModelBundle.parameters(query), ModelBundle.parameters(key),
                    step.optimiser().state().encode(), new NDList(queue.keys()).encode()).save(c.checkpoint());
        }

        /** Removes an interrupted run's checkpoint: a new run was asked for, with overwrite if there was one. */
        private void discardInterruptedRun() {
            try {
                Files.deleteIfExists(c.checkpoint());
            } catch (IOException e) {
                throw VemsegException.IO.of(c.checkpoint(), "remove the checkpoint of an interrupted run", e);
            }
        }

        private void writeEncoder() {
            EncoderWeights.Header h = new EncoderWeights.Header(EncoderWeights.FORMAT, EncoderWeights.VERSION,
                    c.arch().id(), c.width(), c.base(), 1, String.format(Locale.ROOT,
                            "MoCo v2: batch %d, queue %d, T %s, momentum %s, %s lr %s, %d px views, mean %.2f std %.2f",
                            c.batch(), c.queue(), c.temperature(), c.momentum(), c.optimizer(), c.learningRate(),
                            c.size(), mean, std),
                    state.iteration(), patches.size(), ModelManifest.currentVemsegVersion(),
                    OffsetDateTime.now().toString());
            new EncoderWeights(h, ModelBundle.parameters(query.encoder())).save(c.out(), c.overwrite() || c.resume());
        }

        private PretrainResult result(boolean interrupted) {
            return new PretrainResult(state.iteration(), state.seconds(), state.sessionLosses(), patches.size(),
                    interrupted);
        }
    }

    /** The progress status of pre-training: the loss and its running average, which is what moves visibly. */
    private static final class LossStatus implements Function<FitState, String> {
        private double recent = Double.NaN;

        @Override
        public String apply(FitState s) {
            double loss = s.loss();
            recent = Double.isNaN(recent) ? loss : 0.98 * recent + 0.02 * loss;
            return String.format(Locale.ROOT, "loss %.3f avg %.3f", loss, recent);
        }
    }
}
