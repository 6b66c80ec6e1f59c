package org.vemseg.nn.engine;

/**
 * How the deep-learning engine runs in this JVM: offline (its natives ship in vemseg's jar) and, optionally,
 * with a fixed number of threads. The engine reads these settings once, when it loads, so they must be applied
 * before any model or array is created; later calls have no effect on an engine already loaded.
 */
public final class EngineSettings {

    private EngineSettings() {
    }

    /** Never download engine natives: they ship in the jar. Keeps an offline setting made on the command line. */
    public static void offline() {
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
    }

    /**
     * {@code n} intra-op threads and one inter-op thread: vemseg runs one operator at a time, and on a CPU shared
     * with other jobs idle intra-op threads spin while waiting for the busy ones.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("engine threads must be ≥ 1 but was " + n);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
