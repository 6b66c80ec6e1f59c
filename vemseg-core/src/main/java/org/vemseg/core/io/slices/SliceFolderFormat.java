package org.vemseg.core.io.slices;

import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;

/** PLACEHOLDER: being implemented. */
public final class SliceFolderFormat implements VolumeFormat {

    @Override
    public boolean recognises(VolumeLocation location) {
        return false;
    }

    @Override
    public VolumeReader open(VolumeLocation location) {
        throw new VemsegException.Unsupported("not implemented yet");
    }
}
