package org.vemseg.core.io;

import org.vemseg.core.volume.VolumeInfo;

/** Entry points: open any readable volume, create any writable one. */
public final class Volumes {

    private Volumes() {
    }

    /** Opens {@code path[:/dataset]} in whatever supported format it is. */
    public static VolumeReader open(String location) {
        return open(VolumeLocation.parse(location));
    }

    public static VolumeReader open(VolumeLocation location) {
        return Format.forReading(location).format().open(location);
    }

    /** Creates a writer for {@code path}, choosing the format from the extension. */
    public static VolumeWriter create(String location, VolumeInfo info, WriteOptions options) {
        return create(VolumeLocation.parse(location), info, options);
    }

    public static VolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        return Format.forWriting(location).format().create(location, info, options);
    }
}
