package org.vemseg.core.ops;

import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.MissingChunks;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.VolumeInfo;

/**
 * What {@code vemseg info} reports about a volume.
 *
 * @param location   where it is
 * @param format     its format
 * @param formatDetail the reader's description (compression, pages, levels)
 * @param info       shape, type, voxel size, chunking
 * @param statistics value statistics, if requested
 * @param missingChunks chunks without a file (a Zarr array), if any: they read as the fill value
 */
public record VolumeDescription(VolumeLocation location, Format format, String formatDetail, VolumeInfo info,
        Optional<VolumeStatistics> statistics, Optional<MissingChunks> missingChunks) {

    /** Opens the volume, reads its metadata and, if asked, its (sampled) statistics. */
    public static VolumeDescription of(VolumeLocation location, boolean withStatistics, Progress progress) {
        Format format = Format.forReading(location);
        try (VolumeReader r = format.format().open(location)) {
            Optional<VolumeStatistics> stats = withStatistics ? Optional.of(VolumeStatistics.of(r, progress))
                    : Optional.empty();
            return new VolumeDescription(location, format, r.describeFormat(), r.info(), stats, r.missingChunks());
        }
    }
}
