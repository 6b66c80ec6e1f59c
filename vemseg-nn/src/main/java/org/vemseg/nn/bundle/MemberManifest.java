package org.vemseg.nn.bundle;

import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.NetworkSpec;

/**
 * One network of a bundle: how to rebuild it and which zip entry holds its DJL parameters.
 *
 * @param architecture {@code resunet} or {@code deepem3d}
 * @param weights zip entry name of the parameters
 */
public record MemberManifest(String architecture, int frames, int classes, double width, String weights,
        Provenance provenance) {

    public static MemberManifest of(NetworkSpec spec, String weightsEntry, Provenance provenance) {
        return new MemberManifest(spec.architecture().id(), spec.frames(), spec.classes(), spec.width(),
                weightsEntry, provenance);
    }

    /** The network description; throws IllegalArgumentException if the manifest holds bad values. */
    public NetworkSpec spec() {
        return new NetworkSpec(Architecture.fromString(architecture), frames, classes, width);
    }
}
