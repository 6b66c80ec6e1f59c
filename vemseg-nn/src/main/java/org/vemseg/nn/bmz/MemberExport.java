package org.vemseg.nn.bmz;

import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Provenance;
import org.vemseg.nn.model.NetworkSpec;

/**
 * One ensemble member as it goes into a package: its network, where it came from, and the tile geometry
 * consumers must use.
 *
 * @param modelName file name of the {@code .vsm} it came from, without extension
 * @param index 0-based member index; {@code of} members in the bundle
 * @param halo pixels to discard on each side of an output tile (vemseg's default halo × downsampling)
 * @param step tile height and width must be multiples of this (the network's stride × downsampling)
 * @param minSize smallest tile: 2 halos plus one step, so that every tile keeps a valid centre
 */
record MemberExport(String modelName, ModelManifest manifest, int index, int of, NetworkSpec spec,
        Provenance provenance, int halo, int step, int minSize) {

    int downsample() {
        return manifest.downsample();
    }
}
