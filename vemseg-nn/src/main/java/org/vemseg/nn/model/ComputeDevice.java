package org.vemseg.nn.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;

/** Where networks run, for training and prediction alike. */
public enum ComputeDevice {
    CPU, GPU;

    /** Parses {@code cpu} or {@code gpu}. */
    public static ComputeDevice fromString(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "gpu" -> GPU;
            default -> throw new VemsegException.InvalidInput(Settings.name("device") + " must be cpu or gpu, was '"
                    + s + "'");
        };
    }

    /** The DJL device; GPU fails with a one-line error when the engine sees none. */
    public Device resolve() {
        if (this == CPU) {
            return Device.cpu();
        }
        if (Engine.getInstance().getGpuCount() == 0) {
            throw new VemsegException.InvalidInput(Settings.name("device") + " gpu: PyTorch sees no GPU (this build "
                    + "has CPU natives; build with -P gpu on a CUDA machine)");
        }
        return Device.gpu();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
