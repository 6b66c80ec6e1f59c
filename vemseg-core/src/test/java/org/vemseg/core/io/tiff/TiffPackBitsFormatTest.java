package org.vemseg.core.io.tiff;

import org.vemseg.core.io.Compression;
import org.vemseg.core.io.WriteOptions;

/** The format contract for TIFF written with PackBits compression. */
class TiffPackBitsFormatTest extends TiffUncompressedFormatTest {

    @Override
    protected WriteOptions options() {
        return WriteOptions.defaults().withCompression(Compression.PACKBITS);
    }
}
