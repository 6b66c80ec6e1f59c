package org.vemseg.core.io.slices;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.vemseg.core.io.AbstractVolumeFormatTest;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.DataType;

/** The format contract for a folder of TIFF slices, LZW-compressed to exercise a codec too. */
class SliceTiffFolderFormatTest extends AbstractVolumeFormatTest {

    @Override
    protected Path outputPath(Path folder, String name) {
        return folder.resolve(name);
    }

    @Override
    protected Set<DataType> writableTypes() {
        return EnumSet.of(DataType.UINT8, DataType.UINT16, DataType.INT16, DataType.INT32, DataType.FLOAT32,
                DataType.FLOAT64);
    }

    @Override
    protected boolean storesVoxelSize() {
        return false;
    }

    @Override
    protected WriteOptions options() {
        return WriteOptions.defaults().withSliceFormat(SliceFormat.TIFF).withCompression(Compression.LZW);
    }
}
