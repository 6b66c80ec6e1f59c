package org.vemseg.cli;

import org.vemseg.core.Progress;
import picocli.CommandLine.Mixin;

/**
 * What every command that trains networks shares: the engine's threads ({@link EngineThreads}) and the
 * progress bars ({@link Quiet}). {@link #start()} runs before any model is built, as the engine reads its
 * settings when it loads.
 */
final class TrainingSession {

    @Mixin
    EngineThreads engine;

    @Mixin
    Quiet quiet;

    /** Sets the engine up for training, checking the native allocator, and returns the progress to report to. */
    Progress start() {
        engine.configureForTraining();
        return quiet.progress(1);
    }
}
