package org.vemseg.core.ops;

import org.vemseg.core.io.Format;
import org.vemseg.core.volume.VolumeInfo;

/**
 * What a conversion wrote.
 *
 * @param info     the output's shape, type and voxel size
 * @param format   the output format
 * @param seconds  wall time
 * @param rescale  the intensity map applied, if any
 * @param chunks   the output's chunks at full resolution
 * @param skipped  of those, the chunks an interrupted run had written, which a resumed one kept
 */
public record ConversionResult(VolumeInfo info, Format format, double seconds,
        java.util.Optional<IntensityMap> rescale, long chunks, long skipped) {
}
