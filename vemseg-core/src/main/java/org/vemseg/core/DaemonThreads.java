package org.vemseg.core;

import java.util.concurrent.ThreadFactory;

/**
 * Thread factories for vemseg's worker pools: named, so they can be told apart in a thread dump or profiler,
 * and daemons, so a pool a failed command did not shut down cannot keep the JVM alive.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads all called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
