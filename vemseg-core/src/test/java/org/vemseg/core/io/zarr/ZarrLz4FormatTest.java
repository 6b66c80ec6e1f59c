package org.vemseg.core.io.zarr;

import org.vemseg.core.io.Compression;
import org.vemseg.core.io.WriteOptions;

/** The writable-format contract for OME-Zarr written with blosc-lz4 chunks. */
class ZarrLz4FormatTest extends ZarrFormatTest {

    @Override
    protected WriteOptions options() {
        return with(Compression.BLOSC_LZ4).withChunk(testChunk());
    }

    @Override
    protected String expectedCodec() {
        return "blosc-lz4";
    }
}
