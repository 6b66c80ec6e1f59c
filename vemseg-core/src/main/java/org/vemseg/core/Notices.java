package org.vemseg.core;

import java.util.function.Consumer;

/**
 * One-line notices to the user from places in core that have no {@link Progress} at hand (e.g. a stale
 * temporary removed before writing an output). They go to standard error unless the command line routes them
 * to its own error stream.
 */
public final class Notices {

    private static volatile Consumer<String> sink = line -> System.err.println("vemseg: " + line);

    private Notices() {
    }

    /** Tells the user {@code line} (no trailing newline, no "vemseg:" prefix). */
    public static void tell(String line) {
        sink.accept(line);
    }

    /** Sends notices to {@code to} from now on; returns the previous receiver, to restore it afterwards. */
    public static Consumer<String> redirect(Consumer<String> to) {
        Consumer<String> previous = sink;
        sink = to;
        return previous;
    }
}
