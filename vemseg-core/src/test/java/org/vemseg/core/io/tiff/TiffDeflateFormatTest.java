package org.vemseg.core.io.tiff;

import org.vemseg.core.io.Compression;
import org.vemseg.core.io.WriteOptions;

/** The format contract for TIFF written with Deflate compression. */
class TiffDeflateFormatTest extends TiffUncompressedFormatTest {

    @Override
    protected WriteOptions options() {
        return WriteOptions.defaults().withCompression(Compression.DEFLATE);
    }
}
