package org.vemseg.core;

/**
 * Receives progress of long work. Core code reports; the command line draws a bar with ETA. Implementations
 * must be thread-safe: blocks finish on worker threads.
 */
public interface Progress {

    /** Does nothing; for library callers that want no reporting. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total, String unit) {
        }

        @Override
        public void advance(long amount) {
        }

        @Override
        public void finish() {
        }
    };

    /** A task of {@code total} units (e.g. voxels, blocks) begins. */
    void start(String task, long total, String unit);

    /** {@code amount} more units are done. */
    void advance(long amount);

    /** The task ended (successfully or not). */
    void finish();

    /** A short status shown beside the bar (e.g. the current loss); ignored by default. */
    default void message(String text) {
    }
}
