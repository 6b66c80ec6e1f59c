package org.vemseg.core.io.zarr;

import org.vemseg.core.io.Compression;
import org.vemseg.core.io.WriteOptions;

/** The writable-format contract for OME-Zarr written with zlib chunks. */
class ZarrDeflateFormatTest extends ZarrFormatTest {

    @Override
    protected WriteOptions options() {
        return with(Compression.DEFLATE).withChunk(testChunk());
    }

    @Override
    protected String expectedCodec() {
        return "zlib";
    }
}
