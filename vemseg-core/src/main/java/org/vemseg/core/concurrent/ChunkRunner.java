package org.vemseg.core.concurrent;

import java.util.List;
import org.vemseg.core.Progress;
import org.vemseg.core.volume.Box;

/**
 * Runs a {@link ChunkTask} over its boxes: on this machine's threads ({@link #local}) or as tasks of a cluster
 * (vemseg-spark). Either way every box is written once the call returns, so the result does not depend on the
 * runner: this is the seam through which a cluster builds, for example, the levels of an OME-Zarr pyramid.
 */
@FunctionalInterface
public interface ChunkRunner {

    /**
     * Writes every box of {@code boxes} with {@code task}, reporting voxels done to {@code progress} (started and
     * finished here, as {@code what}).
     */
    void run(String what, ChunkTask task, List<Box> boxes, Progress progress);

    /** On {@code threads} threads of this process, one box at a time per thread. */
    static ChunkRunner local(int threads) {
        return (what, task, boxes, progress) -> {
            progress.start(what, boxes.stream().mapToLong(Box::voxels).sum(), "voxels");
            try (BoundedPipeline pool = BoundedPipeline.start(threads, "vemseg-chunks", what)) {
                pool.forEach(boxes, threads, box -> {
                    task.write(List.of(box).iterator());
                    progress.advance(box.voxels());
                });
            } finally {
                progress.finish();
            }
        };
    }
}
