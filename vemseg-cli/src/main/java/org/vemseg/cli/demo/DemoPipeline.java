package org.vemseg.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.vemseg.cli.CheckpointOnShutdown;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.mesh.MeshFormat;
import org.vemseg.core.metrics.ClassScores;
import org.vemseg.core.metrics.Evaluation;
import org.vemseg.core.metrics.EvaluationOptions;
import org.vemseg.core.metrics.EvaluationReport;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.report.AnalysisOptions;
import org.vemseg.core.report.AnalysisResult;
import org.vemseg.core.report.ObjectAnalysis;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.predict.PredictionJob;
import org.vemseg.nn.predict.PredictionRequest;
import org.vemseg.nn.train.Trainer;
import org.vemseg.nn.train.TrainingConfig;
import org.vemseg.nn.train.TrainingResult;

/**
 * The main job end to end on data vemseg generates itself, so a new user sees every step work before
 * touching their own data: generate two synthetic EM-like volumes with exact labels (one to train on,
 * one to test on), train a small mitochondria model, predict the test volume with 8-way test-time
 * augmentation, score the prediction against the true labels, and turn it into objects, counts and a
 * mesh. Each step prints what it did and where its output is.
 *
 * <p>Sizes are chosen so the whole demo runs in a few minutes on a 2-core laptop CPU.
 */
public final class DemoPipeline {

    /** Training iterations: enough for a clearly useful model on the synthetic data, about 1-2 CPU minutes. */
    static final int ITERATIONS = 400;

    private final Path outDir;
    private final long seed;
    private final PrintWriter out;
    private final Progress progress;

    public DemoPipeline(Path outDir, long seed, PrintWriter out, Progress progress) {
        this.outDir = outDir;
        this.seed = seed;
        this.out = out;
        this.progress = progress;
    }

    /** What the demo measured. */
    public record Outcome(double iou, double f1, long objects, Path outDir, double seconds) {
    }

    /**
     * Runs the demo. The demo's folder is its own: an earlier demo's output there is replaced (and the demo says
     * so); a folder with anything else in it is refused before any work ({@link DemoFolder}).
     */
    public Outcome run() {
        long t0 = System.nanoTime();
        if (DemoFolder.prepare(outDir)) {
            step("replacing the earlier demo output in " + outDir);
        }
        // The folder now holds nothing but the marker: no step replaces anything.
        WriteOptions opts = WriteOptions.defaults();
        step("1. generate synthetic EM volumes with exact labels (cells, membranes, mitochondria, noise)");
        SyntheticEm.Sample train = SyntheticEm.demo(seed);
        SyntheticEm.Sample test = SyntheticEm.demo(seed + 1);
        VolumeLocation trainImages = write("train-images.ome.zarr", train.image(), train, opts);
        VolumeLocation trainLabels = write("train-labels.ome.zarr", train.labels(), train, opts);
        VolumeLocation testImages = write("test-images.ome.zarr", test.image(), test, opts);
        VolumeLocation testLabels = write("test-labels.ome.zarr", test.labels(), test, opts);
        out.printf(Locale.ROOT, "   two volumes of %s voxels at %s nm; labels 0 background, 1 mitochondrion, "
                + "2 membrane%n   %s, %s (and test-*)%n", train.image().box().shapeString(), train.voxelSize(),
                trainImages.path(), trainLabels.path());

        step("2. train a mitochondria model (U-Net with ResNet-18 encoder, " + ITERATIONS + " iterations)");
        Path model = outDir.resolve("mito.vsm");
        TrainingConfig config = TrainingConfig.builder(trainImages.path(), trainLabels.path(), model)
                .optValidation(testImages.path(), testLabels.path())
                .optArch(Architecture.RESUNET).optFrames(List.of(1)).optPatch(128).optBatch(4)
                .optForeground(OptionalInt.of(SyntheticEm.MITOCHONDRION))
                .optIterations(ITERATIONS).optValidateEvery(100).optCheckpointEvery(ITERATIONS).optSeed(seed).build();
        Trainer trainer = new Trainer();
        TrainingResult trained = CheckpointOnShutdown.run(trainer::requestStop, () -> trainer.run(config, progress));
        TrainingResult.Member m = trained.members().get(0);
        out.printf(Locale.ROOT, "   %d iterations in %.0f s (%.1f it/s); model %s%n", m.iterations(), m.seconds(),
                m.iterationsPerSecond(), model);

        step("3. predict the test volume: overlapping tiles, 8 test-time variants averaged");
        VolumeLocation prob = VolumeLocation.of(outDir.resolve("test-mito-prob.ome.zarr"));
        PredictionJob.Result predicted = PredictionJob.run(PredictionRequest.builder(List.of(model), testImages, prob)
                .optTta(8).optOutputType(OutputType.PROB8).build(), progress);
        out.printf(Locale.ROOT, "   %.2f Mvoxels/s; probabilities (0-255) in %s%n",
                predicted.voxelsPerSecond() / 1e6, prob.path());

        step("4. evaluate against the true labels (threshold 0.5)");
        EvaluationReport report;
        try (VolumeReader p = Volumes.open(prob); VolumeReader l = Volumes.open(testLabels)) {
            report = Evaluation.run(p, prob.path().toString(), l, testLabels.path().toString(),
                    EvaluationOptions.defaults().withLabelValue(SyntheticEm.MITOCHONDRION));
        }
        ClassScores fg = report.foreground();
        out.printf(Locale.ROOT, "   mitochondria: IoU %.3f, F1 %.3f, precision %.3f, recall %.3f%n", fg.jaccard(),
                fg.f1(), fg.precision(), fg.recall());

        step("5. analyze: 3D objects, sizes, density, surface mesh");
        Path analysis = outDir.resolve("analysis");
        AnalysisResult objects;
        try (VolumeReader p = Volumes.open(prob)) {
            // The demo volume is about 2 µm across: a 0.5 µm density window (not the 20 µm default, made for
            // whole-tissue volumes) gives profiles that vary.
            objects = ObjectAnalysis.run(p, prob.path().toString(), analysis, AnalysisOptions.defaults()
                    .withMinSize(50).withWindow(0.5).withMesh(MeshFormat.PLY, false, 10));
        }
        out.print(indent(objects.summary()));
        out.println("   object table, density profile plot, size histogram and mesh in " + analysis);

        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "demo finished in %.0f s: mitochondria IoU %.3f on the test volume; outputs in %s%n",
                seconds, fg.jaccard(), outDir.toAbsolutePath());
        out.flush();
        return new Outcome(fg.jaccard(), fg.f1(), objects.table().count(), outDir, seconds);
    }

    private VolumeLocation write(String name, Block data, SyntheticEm.Sample sample, WriteOptions opts) {
        VolumeLocation loc = VolumeLocation.of(outDir.resolve(name));
        Volumes.write(loc, data, Optional.of(sample.voxelSize()), opts);
        return loc;
    }

    private void step(String text) {
        out.println(text);
        out.flush();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "   " + l + System.lineSeparator()).reduce("", String::concat);
    }
}
