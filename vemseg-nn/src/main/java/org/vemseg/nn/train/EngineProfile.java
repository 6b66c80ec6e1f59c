package org.vemseg.nn.train;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Developer hook: PyTorch's own profiler over a window of training iterations, written as a Chrome trace, so
 * vemseg's per-operator costs can be compared with a PyTorch script's (bench/train-speed/profile.sh). Switched
 * on with the system property {@code vemseg.profile=FILE}; records iterations 50–99 of the first trained
 * network. The engine's profiler lives in its JNI class, which vemseg does not compile against (only DJL's
 * API), hence reflection.
 */
final class EngineProfile {

    static final long FIRST = 50;
    static final long LAST = 99;

    private final Path trace;
    private boolean done;

    private EngineProfile(Path trace) {
        this.trace = trace;
    }

    /** The profile requested by the {@code vemseg.profile} system property, if any. */
    static Optional<EngineProfile> requested() {
        String file = System.getProperty("vemseg.profile");
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(new EngineProfile(Path.of(file)));
    }

    /** Call before iteration {@code iteration} (0-based) runs. */
    void before(long iteration) {
        if (!done && iteration == FIRST) {
            invoke("startProfile", new Class<?>[] {boolean.class, boolean.class, boolean.class}, false, true, false);
        }
    }

    /** Call after iteration {@code iteration} (0-based) ran. */
    void after(long iteration) {
        if (!done && iteration == LAST) {
            invoke("stopProfile", new Class<?>[] {String.class}, trace.toAbsolutePath().toString());
            done = true;
        }
    }

    private static void invoke(String name, Class<?>[] types, Object... args) {
        try {
            Method m = Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod(name, types);
            m.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("vemseg.profile needs DJL's PyTorch engine: " + e, e);
        }
    }
}
