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
 */
public record ConversionResult(VolumeInfo info, Format format, double seconds,
        java.util.Optional<IntensityMap> rescale) {
}
