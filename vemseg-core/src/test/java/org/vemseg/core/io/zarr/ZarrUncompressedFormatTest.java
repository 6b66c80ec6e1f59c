package org.vemseg.core.io.zarr;

import org.vemseg.core.io.Compression;
import org.vemseg.core.io.WriteOptions;

/** The writable-format contract for OME-Zarr written with uncompressed chunks. */
class ZarrUncompressedFormatTest extends ZarrFormatTest {

    @Override
    protected WriteOptions options() {
        return with(Compression.NONE).withChunk(testChunk());
    }

    @Override
    protected String expectedCodec() {
        return "uncompressed";
    }
}
