package org.vemseg.core.io.tiff;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.vemseg.core.io.AbstractVolumeFormatTest;
import org.vemseg.core.volume.DataType;

/**
 * The format contract for TIFF written with the default options (uncompressed); the compressed variants
 * subclass it with other {@link #options()}.
 */
class TiffUncompressedFormatTest extends AbstractVolumeFormatTest {

    @Override
    protected Path outputPath(Path folder, String name) {
        return folder.resolve(name + ".tif");
    }

    @Override
    protected Set<DataType> writableTypes() {
        return EnumSet.allOf(DataType.class);
    }
}
