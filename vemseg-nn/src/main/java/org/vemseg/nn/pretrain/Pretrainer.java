package org.vemseg.nn.pretrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.data.SeededRandom;
import org.vemseg.nn.train.Optimiser;

/**
 * MoCo v2 self-supervised pre-training of the ResUNet's ResNet-18 or ResNet-50 encoder on unlabeled EM patches.
 *
 * <p>Each iteration: draw a batch of patches, make two augmented views of each ({@link ViewAugmenter}); move
 * the key encoder towards the query encoder ({@link MomentumUpdate}); embed view 1 with the query network and
 * view 2 with the key network (no gradient), both L2-normalised; {@link InfoNce} against the positive key and
 * the {@link NegativeQueue}; back-propagate into the query network and step the optimiser (cosine-decayed
 * learning rate); enqueue the keys. Batch norm is "shuffled" as in MoCo: the batch is split into
 * {@code bnGroups} groups that are normalised separately, and the keys are computed in a permuted order, so a
 * query and its positive key never share batch statistics (which would let the network cheat).
 *
 * <p>Checkpoints ({@link PretrainCheckpoint}) every {@code checkpointEvery} iterations and on Ctrl-C; with a
 * fixed iteration count, seed and thread count a resumed run ends with the same weights as an uninterrupted one.
 * The output is the query encoder alone ({@link EncoderWeights}). A Pretrainer instance runs once after
 * {@link #requestStop()}.
 */
public final class Pretrainer {

    /** Iterations timed before a time budget is converted into an iteration count. */
    static final int FIT_AFTER = 10;
    private static final long PROVISIONAL_TOTAL = 100_000;
    /** Patches sampled to estimate the grey-level mean and standard deviation. */
    private static final int NORMALISATION_SAMPLE = 512;

    private volatile boolean stopRequested;

    public void requestStop() {
        stopRequested = true;
    }

    /** Runs pre-training; Ctrl-C writes a checkpoint that {@code resume} continues. */
    public PretrainResult run(PretrainConfig c, Progress progress) {
        checkOutput(c);
        PatchSet patches = PatchSet.open(c.patches(), c.cacheBytes());
        AtomicFile.deleteLeftovers(c.checkpoint());
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vemseg-pretrain-checkpoint");
        Runtime.getRuntime().addShutdownHook(hook);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            return new Run(c, patches, m, progress).train();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and waits for `done`, released above
            }
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
                        + c.checkpoint().getFileName() + "); use --resume to continue it or --overwrite to start "
                        + "again");
            }
            for (Path p : List.of(c.out(), c.log(), c.chart())) {
                if (Files.exists(p)) {
                    throw new VemsegException.InvalidInput(p + ": output exists; use --overwrite to replace it");
                }
            }
        }
        if (!Files.isDirectory(out.getParent())) {
            throw new VemsegException.IO(c.out() + ": cannot write output: folder " + out.getParent()
                    + " does not exist");
        }
    }

    /** One run: networks, queue, optimiser and loop state. */
    private final class Run {
        private final PretrainConfig c;
        private final PatchSet patches;
        private final NDManager m;
        private final Progress progress;
        private final MocoNetwork query;
        private final MocoNetwork key;
        private final List<NDArray> queryTrainable = new ArrayList<>();
        private final List<NDArray> keyTwins = new ArrayList<>();
        private final Optimiser optimiser;
        private final ViewAugmenter augmenter;
        private final NegativeQueue queue;
        private final PretrainLog log;
        private SeededRandom rng;
        private long iteration;
        private long total;
        private boolean totalFixed;
        private double seconds;
        private double mean;
        private double std;

        Run(PretrainConfig c, PatchSet patches, NDManager m, Progress progress) {
            this.c = c;
            this.patches = patches;
            this.m = m;
            this.progress = progress;
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
                iteration = s.iteration();
                total = s.total();
                totalFixed = s.totalFixed();
                seconds = s.seconds();
                rng = new SeededRandom(s.rngState());
                mean = s.mean();
                std = s.std();
                queue = NegativeQueue.restore(NDList.decode(m, resumed.queue()).singletonOrThrow(), s.queuePointer());
                log = PretrainLog.resume(c.partialLog(), iteration);
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
                total = c.iterations() > 0 ? c.iterations() : PROVISIONAL_TOTAL;
                totalFixed = c.iterations() > 0;
                discardInterruptedRun();
                // Beside the checkpoint until the encoder is written: an earlier encoder's log is replaced only
                // together with it, and a resumed run continues this log.
                log = PretrainLog.create(c.partialLog());
            }
            List<Parameter> trainable = new ArrayList<>();
            List<Parameter> keyParams = key.getParameters().values();
            List<Parameter> queryParams = query.getParameters().values();
            for (int i = 0; i < queryParams.size(); i++) {
                Parameter p = queryParams.get(i);
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                    trainable.add(p);
                    queryTrainable.add(p.getArray());
                    keyTwins.add(keyParams.get(i).getArray());
                }
            }
            optimiser = Optimiser.create(c.optimizer(), trainable);
            if (resumed != null) {
                optimiser.loadState(NDList.decode(m, resumed.optimizer()));
            }
            augmenter = new ViewAugmenter(c.size(), mean, std);
        }

        PretrainResult train() {
            ParameterStore ps = new ParameterStore(m, false);
            List<Double> losses = new ArrayList<>();
            long sessionStart = System.nanoTime();
            double offset = seconds;
            double budget = c.maxMinutes() * 60;
            boolean timeMode = c.maxMinutes() > 0;
            progress.start("MoCo v2", timeMode ? (long) Math.ceil(budget) : total,
                    timeMode ? "s" : "it");
            long reported = timeMode ? (long) seconds : iteration;
            progress.advance(reported);
            double recent = Double.NaN;
            try {
                while (iteration < total) {
                    if (stopRequested) {
                        saveCheckpoint();
                        return result(losses, true);
                    }
                    double lr = c.learningRate() * 0.5 * (1 + StrictMath.cos(Math.PI * iteration / total));
                    double loss = step(ps, lr);
                    losses.add(loss);
                    iteration++;
                    seconds = offset + (System.nanoTime() - sessionStart) / 1e9;
                    if (!totalFixed && iteration == FIT_AFTER) {
                        total = iteration + Math.max(0, (long) ((budget - seconds) / (seconds / iteration)));
                        totalFixed = true;
                    }
                    if (timeMode && seconds >= budget) {
                        total = iteration;
                    }
                    log.append(iteration, seconds / 60, loss, lr);
                    recent = Double.isNaN(recent) ? loss : 0.98 * recent + 0.02 * loss;
                    progress.message(String.format(Locale.ROOT, "loss %.3f avg %.3f", loss, recent));
                    long now = timeMode ? (long) seconds : iteration;
                    progress.advance(now - reported);
                    reported = now;
                    if (iteration % c.checkpointEvery() == 0 && iteration < total) {
                        saveCheckpoint();
                    }
                }
            } finally {
                progress.finish();
            }
            saveCheckpoint();
            writeEncoder();
            double[][] curve = PretrainLog.losses(c.partialLog());
            LossChart.write(curve[0], curve[1],
                    (int) Math.max(1, Math.min(100, iteration / 10)), "MoCo v2 pre-training, " + c.arch()
                            + " width " + c.width() + ", " + patches.size() + " patches", c.chart());
            AtomicFile.rename(c.partialLog(), c.log(), "move pre-training log into place");
            try {
                Files.deleteIfExists(c.checkpoint());
            } catch (IOException ignored) {
                // a leftover checkpoint is harmless; the encoder is written
            }
            return result(losses, false);
        }

        private double step(ParameterStore ps, double lr) {
            int b = c.batch();
            int s = c.size();
            int plane = s * s;
            float[] x1 = new float[b * plane];
            float[] x2 = new float[b * plane];
            int[] order = permutation(b);
            for (int i = 0; i < b; i++) {
                int idx = rng.nextInt(patches.size());
                byte[] px = patches.pixels(idx);
                int h = patches.height(idx);
                int w = patches.width(idx);
                augmenter.view(px, h, w, rng, x1, i * plane);
                // key view of sample i goes to row order[i], a random batch-norm group (shuffling BN)
                augmenter.view(px, h, w, rng, x2, order[i] * plane);
            }
            MomentumUpdate.apply(keyTwins, queryTrainable, c.momentum());
            try (NDManager sm = m.newSubManager()) {
                NDArray keys = keys(ps, sm.create(x2, new Shape(b, 1, s, s)), order);
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray q = InfoNce.normalise(groups(query, ps, sm.create(x1, new Shape(b, 1, s, s))));
                    loss = InfoNce.loss(q, keys, queue.keys(), c.temperature());
                    gc.backward(loss);
                }
                double value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    throw new VemsegException("pre-training diverged at iteration " + (iteration + 1) + " (loss "
                            + value + "); lower --lr");
                }
                optimiser.step(lr, iteration + 1);
                queue.enqueue(keys);
                return value;
            }
        }

        /** Key embeddings in the batch's original order, normalised, from views stored in {@code order}. */
        private NDArray keys(ParameterStore ps, NDArray shuffled, int[] order) {
            NDManager sm = shuffled.getManager();
            float[] k = InfoNce.normalise(groups(key, ps, shuffled)).toFloatArray();
            int d = MocoNetwork.EMBEDDING;
            float[] unshuffled = new float[k.length];
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(k, order[i] * d, unshuffled, i * d, d);
            }
            return sm.create(unshuffled, new Shape(order.length, d));
        }

        /** Forward in {@code bnGroups} separate groups (each with its own batch-norm statistics). */
        private NDArray groups(MocoNetwork net, ParameterStore ps, NDArray x) {
            int g = c.bnGroups();
            int n = c.batch() / g;
            NDList parts = new NDList();
            for (int j = 0; j < g; j++) {
                parts.add(net.forward(ps, new NDList(x.get("{}:{}", j * n, (j + 1) * n)), true).singletonOrThrow());
            }
            return g == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        }

        /**
         * A random permutation of the batch (MoCo's shuffle across GPUs): keys are normalised in batch-norm
         * groups of randomly mixed samples, so their statistics differ from those of their queries' groups.
         */
        private int[] permutation(int b) {
            int[] p = new int[b];
            for (int i = 0; i < b; i++) {
                p[i] = i;
            }
            for (int i = b - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }

        private void saveCheckpoint() {
            PretrainCheckpoint.State s = new PretrainCheckpoint.State(c.key(), iteration, total, totalFixed, seconds,
                    rng.state(), queue.pointer(), mean, std);
            new PretrainCheckpoint(s, ModelBundle.parameters(query), ModelBundle.parameters(key),
                    optimiser.state().encode(), new NDList(queue.keys()).encode()).save(c.checkpoint());
        }

        /** Removes an interrupted run's checkpoint: a new run was asked for, with --overwrite if there was one. */
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
                    iteration, patches.size(), ModelManifest.currentVemsegVersion(), OffsetDateTime.now().toString());
            new EncoderWeights(h, ModelBundle.parameters(query.encoder())).save(c.out(), c.overwrite() || c.resume());
        }

        private PretrainResult result(List<Double> losses, boolean interrupted) {
            return new PretrainResult(iteration, seconds, losses.stream().mapToDouble(Double::doubleValue).toArray(),
                    patches.size(), interrupted);
        }
    }
}
