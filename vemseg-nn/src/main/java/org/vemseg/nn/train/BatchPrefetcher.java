package org.vemseg.nn.train;

import java.util.Iterator;
import org.vemseg.core.concurrent.BoundedPipeline;
import org.vemseg.nn.data.Augmenter;
import org.vemseg.nn.data.Patch;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;

/**
 * Prepares training batches one step ahead on a background thread: sampling, augmentation and the loss targets
 * are Java work that would otherwise run serially between two engine steps and leave the cores idle.
 *
 * <p>Reproducibility is unchanged: batches are drawn one after another from one {@link SeededRandom}, in the
 * same order as without prefetching, and each batch carries the random state after it was drawn. A checkpoint
 * stores the state after the last batch <em>consumed</em>, so a resumed run draws the batch that was prefetched
 * but not used. Only the background thread touches the random generator once this object exists.
 */
final class BatchPrefetcher implements AutoCloseable {

    /** One batch: images N×F×P×P, the loss targets, and the random state after drawing it. */
    record Batch(float[] images, SegmentationLoss.Targets targets, long rngStateAfter) {
    }

    private final PatchSampler sampler;
    private final Augmenter augmenter;
    private final SegmentationLoss loss;
    private final SeededRandom rng;
    private final int batch;
    private final int frames;
    private final int patch;
    private final BoundedPipeline worker =
            BoundedPipeline.start(1, "vemseg-batch-prefetch", "preparing a training batch");
    private final Iterator<Batch> batches = worker.generate(1, this::prepare);

    BatchPrefetcher(PatchSampler sampler, Augmenter augmenter, SegmentationLoss loss, SeededRandom rng, int batch,
            int frames, int patch) {
        this.sampler = sampler;
        this.augmenter = augmenter;
        this.loss = loss;
        this.rng = rng;
        this.batch = batch;
        this.frames = frames;
        this.patch = patch;
    }

    /** The next batch (waiting for it if it is still being prepared); starts preparing the one after. */
    Batch next() {
        return batches.next();
    }

    private Batch prepare() {
        int plane = patch * patch;
        float[] x = new float[batch * frames * plane];
        byte[] labels = new byte[batch * plane];
        for (int i = 0; i < batch; i++) {
            Patch p = augmenter.next(sampler, rng);
            System.arraycopy(p.image(), 0, x, i * frames * plane, frames * plane);
            System.arraycopy(p.labels(), 0, labels, i * plane, plane);
        }
        return new Batch(x, loss.targets(labels, batch, patch, patch), rng.state());
    }

    /** Stops the background thread; a batch being prepared is dropped. */
    @Override
    public void close() {
        worker.close();
    }
}
