package org.vemseg.core.io.tiff;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TiffParser} found in a file: byte order, classic or BigTIFF, the image pages in z order,
 * and the first page's description and resolution (where ImageJ keeps the voxel size).
 *
 * @param xResolution pixels per resolution unit along x, 0 if absent
 * @param yResolution pixels per resolution unit along y, 0 if absent
 * @param resolutionUnit 1 = none (ImageJ: the unit is in the description), 2 = inch, 3 = centimetre
 */
record TiffStructure(ByteOrder order, boolean bigTiff, List<TiffPage> pages, Optional<String> description,
        double xResolution, double yResolution, int resolutionUnit) {
}
