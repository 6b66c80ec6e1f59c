package org.vemseg.core.io.tiff;

import java.nio.ByteOrder;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * The tags vemseg writes for one page of a little-endian TIFF stack: a one-sample grey strip image; the
 * first page also names the software and, with a voxel size, carries the ImageJ description; every page
 * with a voxel size has its X/YResolution.
 */
final class PageIfd {

    private PageIfd() {
    }

    /**
     * The IFD of page {@code z}, whose strips start at {@code offsets} and hold {@code counts} bytes.
     */
    static IfdWriter of(VolumeInfo info, TiffCompression compression, boolean bigTiff, int rowsPerStrip, int z,
            long[] offsets, long[] counts) {
        IfdWriter ifd = new IfdWriter(bigTiff, ByteOrder.LITTLE_ENDIAN);
        int sampleFormat = info.dataType().isFloating() ? TiffTags.SAMPLE_FLOAT
                : info.dataType().isSigned() ? TiffTags.SAMPLE_INT : TiffTags.SAMPLE_UINT;
        ifd.add(TiffTags.NEW_SUBFILE_TYPE, TiffTags.LONG, 0)
                .add(TiffTags.IMAGE_WIDTH, TiffTags.LONG, info.width())
                .add(TiffTags.IMAGE_LENGTH, TiffTags.LONG, info.height())
                .add(TiffTags.BITS_PER_SAMPLE, TiffTags.SHORT, info.dataType().bytes() * 8L)
                .add(TiffTags.COMPRESSION, TiffTags.SHORT, compression.code())
                .add(TiffTags.PHOTOMETRIC, TiffTags.SHORT, 1)
                .addOffsets(TiffTags.STRIP_OFFSETS, offsets)
                .add(TiffTags.SAMPLES_PER_PIXEL, TiffTags.SHORT, 1)
                .add(TiffTags.ROWS_PER_STRIP, TiffTags.LONG, rowsPerStrip)
                .addOffsets(TiffTags.STRIP_BYTE_COUNTS, counts)
                .add(TiffTags.PLANAR_CONFIGURATION, TiffTags.SHORT, 1)
                .add(TiffTags.SAMPLE_FORMAT, TiffTags.SHORT, sampleFormat);
        if (z == 0) {
            ifd.addAscii(TiffTags.SOFTWARE, "vemseg");
        }
        if (info.voxelSize().isPresent()) {
            VoxelSize vs = info.voxelSize().get();
            if (z == 0) {
                ifd.addAscii(TiffTags.IMAGE_DESCRIPTION,
                        ImageJMetadata.description(info.depth(), vs, compression == TiffCompression.NONE));
            }
            long[] xr = ImageJMetadata.resolution(vs.x());
            long[] yr = ImageJMetadata.resolution(vs.y());
            ifd.addRational(TiffTags.X_RESOLUTION, xr[0], xr[1])
                    .addRational(TiffTags.Y_RESOLUTION, yr[0], yr[1])
                    .add(TiffTags.RESOLUTION_UNIT, TiffTags.SHORT, 1);
        }
        return ifd;
    }
}
