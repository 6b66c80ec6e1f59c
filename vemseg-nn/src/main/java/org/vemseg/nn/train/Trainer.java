package org.vemseg.nn.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.data.Augmenter;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;

/**
 * Trains one network per requested frame count and writes them as one {@code .vsm} bundle.
 *
 * <p>Per member ({@link MemberTraining}): random patches ({@link PatchSampler}) → {@link Augmenter} → forward →
 * {@link SegmentationLoss} → backward → {@link Optimiser} with its schedule, in one {@link FitLoop}; its
 * listeners validate and keep the best weights, log, report progress, write {@link Checkpoint}s beside the output
 * and fit a time budget ({@link TimeBudget}).
 *
 * <p>Reproducibility: with a fixed iteration count, the same seed and the same thread count, a run on the CPU
 * is deterministic (StrictMath on the Java side, see {@link SeededRandom}), and a resumed run ends with the same
 * weights, bit for bit, as an uninterrupted one.
 *
 * <p>Stopping: {@link #requestStop()} makes the run write its checkpoints and return, interrupted; a front end
 * calls it from its Ctrl-C handling. A Trainer instance runs once after {@link #requestStop()}.
 */
public final class Trainer {

    private volatile boolean stopRequested;

    /** Developer option {@code -Dvemseg.profile=FILE}: the engine's profile of iterations 50–99 (first network). */
    private final Optional<EngineProfile> profile = EngineProfile.requested();

    /** Asks the running training to write a checkpoint and return; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs the training described by {@code c}. Bad input fails before training with a one-line
     * {@link VemsegException}. After {@link #requestStop()} the run writes checkpoints ({@code resume} continues)
     * and returns an interrupted result.
     */
    public TrainingResult run(TrainingConfig c, Progress progress) {
        TrainingInputs in = TrainingInputs.prepare(c);
        Device device = c.run().device().resolve();
        RunOptions r = c.run();
        if (!r.resume()) {
            discardInterruptedRun(r);
        }
        r.allCheckpoints().forEach(AtomicFile::deleteLeftovers);
        CheckpointSettings settings = CheckpointSettings.of(c, in);
        List<Integer> frameCounts = c.hyper().frames();
        // The log is written beside the checkpoints until the model exists, so that an earlier model's log is
        // replaced only together with that model, and a resumed run continues the log of the run it continues.
        TrainingLog log = r.resume() ? null : TrainingLog.create(r.partialLog(), c.classes());
        List<TrainingResult.Member> results = new ArrayList<>();
        List<MemberManifest> manifests = new ArrayList<>();
        List<byte[]> weights = new ArrayList<>();
        double spent = 0;
        for (int i = 0; i < frameCounts.size(); i++) {
            int frames = frameCounts.get(i);
            double budget = r.maxMinutes() > 0 ? (r.maxMinutes() * 60 - spent) / (frameCounts.size() - i) : 0;
            MemberTraining member = new MemberTraining(c, in, settings, frames);
            MemberTraining.Outcome o = member.train(device, budget, progress, log != null ? log
                    : TrainingLog.resume(r.partialLog(), c.classes(), frames, resumeIteration(r, frames)), profile,
                    () -> stopRequested);
            spent += o.result().seconds();
            results.add(o.result());
            if (o.interrupted()) {
                return new TrainingResult(null, results, true, in.heldOut(), null);
            }
            manifests.add(MemberManifest.of(member.spec(), ModelBundle.weightsEntry(i), o.provenance()));
            weights.add(o.weights());
        }
        Optional<Calibration> calibration = writeBundle(c, in, manifests, weights, device);
        // After the model: a crash in between leaves the finished checkpoints, and resume writes both again.
        AtomicFile.rename(r.partialLog(), r.log(), "move training log into place");
        if (calibration.isPresent()) {
            calibration.get().write(r.out());
        } else {
            Calibration.removeStale(r.out());
        }
        for (int f : frameCounts) {
            try {
                Files.deleteIfExists(r.checkpoint(f));
            } catch (IOException ignored) {
                // a leftover checkpoint is harmless; the model is written
            }
        }
        return new TrainingResult(r.out(), results, false, in.heldOut(),
                calibration.map(Calibration::calibration).orElse(null));
    }

    /**
     * Removes what an interrupted run of this output left (its checkpoints, of any member, and its log): a new
     * run was asked for, and {@link TrainingInputs} has refused it unless {@code overwrite} allowed that.
     */
    private static void discardInterruptedRun(RunOptions r) {
        List<Path> files = new ArrayList<>(r.allCheckpoints());
        files.add(r.partialLog());
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw VemsegException.IO.of(p, "remove the file of an interrupted run", e);
            }
        }
    }

    private static long resumeIteration(RunOptions r, int frames) {
        Path p = r.checkpoint(frames);
        return Files.exists(p) ? Checkpoint.load(p).state().iteration() : 0;
    }

    /** Writes the model, with its threshold calibrated on the kept weights where the run calibrates. */
    private static Optional<Calibration> writeBundle(TrainingConfig c, TrainingInputs in,
            List<MemberManifest> manifests, List<byte[]> weights, Device device) {
        double[] voxel = in.train().voxelSize().map(v -> new double[] {v.z(), v.y(), v.x()}).orElse(null);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, ModelManifest.currentVemsegVersion(),
                c.data().classNames(), in.normalisation(), voxel, manifests, c.hyper().downsample());
        try (NDManager m = NDManager.newBaseManager(device)) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < manifests.size(); i++) {
                Block b = manifests.get(i).spec().newInitializedBlock(m);
                ModelBundle.loadParameters(b, weights.get(i), m, c.out().toString());
                blocks.add(b);
            }
            Optional<Calibration> calibration = Calibration.measure(c, in, manifests, blocks, m);
            if (calibration.isPresent()) {
                manifest = manifest.withCalibration(calibration.get().calibration());
            }
            new ModelBundle(manifest, blocks).save(c.out(), c.run().overwrite() || c.run().resume());
            return calibration;
        }
    }
}
