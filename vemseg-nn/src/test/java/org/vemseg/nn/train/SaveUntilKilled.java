package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Test helper run in a child JVM: replaces the checkpoint {@code args[0]} by one with 64 MB of random (so
 * incompressible, slow to zip) weights and a later iteration, so that {@link CheckpointKillTest} can kill it with
 * SIGKILL in the middle of {@link Checkpoint#save}.
 */
public final class SaveUntilKilled {

    private SaveUntilKilled() {
    }

    public static void main(String[] args) {
        Path path = Path.of(args[0]);
        Checkpoint k = Checkpoint.load(path);
        Checkpoint.State s = k.state();
        byte[] params = new byte[64 << 20];
        new SplittableRandom(1).nextBytes(params);
        Checkpoint.State later = new Checkpoint.State(s.config(), s.frames(), s.iteration() + 1000, s.total(),
                s.totalFixed(), s.seconds(), s.rngState(), s.bestScore(), s.bestIteration(), s.bestIoU(), s.bestF1(),
                s.finished(), s.classes(), s.averageSamples(), s.averageFrom(), s.bestAveraged());
        System.out.println("saving");
        System.out.flush();
        new Checkpoint(later, params, k.optimizer(), null, null).save(path);
        System.out.println("saved");
    }
}
