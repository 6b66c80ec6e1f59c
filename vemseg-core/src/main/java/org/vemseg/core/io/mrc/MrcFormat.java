package org.vemseg.core.io.mrc;

import java.util.Set;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;

/**
 * MRC / REC volumes as written by IMOD, SerialEM, mrcfile and most cryo-EM and tomography software
 * (read only). See {@link MrcHeader} for the fields used and {@link MrcReader} for the access pattern.
 */
public final class MrcFormat implements VolumeFormat {

    /**
     * Volume ({@code .mrc .map}), tomogram ({@code .rec}), tilt series ({@code .st .ali}) and stack
     * ({@code .mrcs}).
     */
    private static final Set<String> EXTENSIONS = Set.of(".mrc", ".rec", ".st", ".map", ".ali", ".mrcs");

    @Override
    public boolean recognises(VolumeLocation location) {
        return EXTENSIONS.contains(location.extension());
    }

    /** The {@code "MAP "} tag at byte 208 that every MRC2000/MRC2014 writer sets. */
    @Override
    public boolean matchesSignature(byte[] header) {
        return MrcHeader.hasMapTag(header);
    }

    @Override
    public VolumeReader open(VolumeLocation location) {
        return MrcReader.open(location.path());
    }

    @Override
    public String toString() {
        return "MRC";
    }
}
