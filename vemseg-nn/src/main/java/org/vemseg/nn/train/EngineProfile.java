package org.vemseg.nn.train;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vemseg.core.VemsegException;

/**
 * Developer hook: PyTorch's own profiler over a window of training iterations, written as a Chrome trace, so
 * vemseg's per-operator costs can be compared with a PyTorch script's (bench/train-speed/profile.sh). Switched
 * on with the system property {@code vemseg.profile=FILE}; records iterations 50–99 of the first trained
 * network, as a {@link TrainingListener} of its loop. The engine's profiler lives in its JNI class, which vemseg
 * does not compile against (only DJL's API), hence reflection.
 */
final class EngineProfile implements TrainingListener {

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
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path trace = Path.of(file).toAbsolutePath();
        // checked now: the trace is written only after iteration 99, and a failure then would end the training
        if (!Files.isDirectory(trace.getParent()) || !Files.isWritable(trace.getParent())) {
            throw new VemsegException.InvalidInput("vemseg.profile: " + trace.getParent()
                    + " is not a writable folder");
        }
        return Optional.of(new EngineProfile(trace));
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
            invoke("stopProfile", new Class<?>[] {String.class}, trace.toString());
            done = true;
        }
    }

    @Override
    public void beforeStep(FitState s) {
        before(s.iteration());
    }

    @Override
    public void onIteration(FitState s) {
        after(s.iteration() - 1);
    }

    private static void invoke(String name, Class<?>[] types, Object... args) {
        try {
            Method m = Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod(name, types);
            m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("vemseg.profile: the engine's profiler failed: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("vemseg.profile needs DJL's PyTorch engine: " + e, e);
        }
    }
}
