package org.vemseg.nn.pretrain;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.Progress;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.EncoderWeights;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.data.LabelledVolume;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.train.SegmentationMetrics;
import org.vemseg.nn.train.Trainer;
import org.vemseg.nn.train.TrainingConfig;
import org.vemseg.nn.train.TrainingResult;

/**
 * The CEM500K protocol: for each labelled dataset, fine-tune the same ResUNet for the same number of iterations
 * from (a) random initialisation and (b) the pre-trained encoder, then score the final weights (no model
 * selection on the held-out data) on the held-out slices with {@link SliceEvaluator}. The network is the U-Net
 * with the encoder's depth ({@code resunet} or {@code resunet50}) at the encoder's width. Both runs share the
 * seed, so they draw the same patches and augmentations.
 */
public final class TransferBenchmark {

    private final Progress progress;
    private volatile boolean stopRequested;
    private volatile Trainer current;

    public TransferBenchmark(Progress progress) {
        this.progress = progress;
    }

    /** Stops the fine-tuning under way (it writes its checkpoint) and with it the benchmark; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        Trainer t = current;
        if (t != null) {
            t.requestStop();
        }
    }

    /** Runs all datasets and writes the table; returns the results. */
    public BenchmarkResult run(BenchmarkConfig c) {
        if (Files.exists(c.out()) && !c.overwrite()) {
            throw new VemsegException.InvalidInput(c.out() + ": output exists; use " + Settings.name("overwrite")
                    + " to replace it");
        }
        EncoderWeights weights = EncoderWeights.load(c.encoderWeights());
        Architecture arch = weights.encoder(c.encoderWeights()).architecture();
        try {
            Files.createDirectories(c.work());
        } catch (IOException e) {
            throw VemsegException.IO.of(c.work(), "create work folder", e);
        }
        List<BenchmarkResult.Row> rows = new ArrayList<>();
        for (BenchmarkDataset d : c.datasets()) {
            BenchmarkDataset.Split split = d.prepare(c.data(), c.work());
            LabelledVolume valid = LabelledVolume.read(split.validImages(), split.validLabels(), split.mapping());
            for (BenchmarkResult.Init init : BenchmarkResult.Init.values()) {
                rows.add(fineTune(c, d, split, valid, init, arch, weights.header().width()));
                new BenchmarkResult(c, rows).save();
            }
        }
        return new BenchmarkResult(c, rows);
    }

    private BenchmarkResult.Row fineTune(BenchmarkConfig c, BenchmarkDataset d, BenchmarkDataset.Split split,
            LabelledVolume valid, BenchmarkResult.Init init, Architecture arch, double width) {
        Path model = c.work().resolve(d.id() + "-" + init.name().toLowerCase(java.util.Locale.ROOT) + ".vsm");
        TrainingConfig.Builder b = TrainingConfig.builder(split.trainImages(), split.trainLabels(), model)
                .optOverwrite(true).optArch(arch).optWidth(width).optLabelMapping(split.mapping())
                .optPatch(c.patch()).optBatch(c.batch()).optOptimizer(c.optimizer()).optLr(c.learningRate())
                .optSeed(c.seed()).optIterations(c.iterations()).optCheckpointEvery((int) Math.min(Integer.MAX_VALUE,
                        c.iterations() + 1));
        if (init == BenchmarkResult.Init.PRETRAINED) {
            b.optEncoderWeights(c.encoderWeights());
        }
        Trainer trainer = new Trainer();
        current = trainer;
        if (stopRequested) {
            trainer.requestStop();
        }
        TrainingResult r = trainer.run(b.build(), progress);
        if (r.interrupted()) {
            throw new VemsegException("benchmark interrupted during " + d + " (" + init.label() + ")");
        }
        TrainingResult.Member member = r.members().get(0);
        double[] losses = member.losses();
        double finalLoss = 0;
        int tail = Math.min(50, losses.length);
        for (int i = losses.length - tail; i < losses.length; i++) {
            finalLoss += losses[i] / tail;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ModelBundle bundle = ModelBundle.load(model, m);
            SegmentationMetrics s = SliceEvaluator.score(bundle.members().get(0), bundle.manifest().normalisation(),
                    valid, arch.inputMultiple(), m);
            return new BenchmarkResult.Row(d, split.description(), init, member.iterations(), member.seconds() / 60,
                    s.iou()[1], s.f1()[1], finalLoss);
        }
    }
}
