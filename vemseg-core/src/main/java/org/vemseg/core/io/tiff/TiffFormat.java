package org.vemseg.core.io.tiff;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.FileChannels;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Multi-page TIFF, one page per z slice, with vemseg's own codec (no imaging library).
 *
 * <p>Reads classic TIFF and BigTIFF in either byte order; strips or tiles; 8/16/32-bit integers and
 * 32/64-bit floats, one sample per pixel; uncompressed, LZW, Deflate (8 and 32946) and PackBits, with
 * horizontal or floating-point predictor; voxel size from ImageJ metadata. Writes little-endian TIFF
 * (BigTIFF past 4 GiB) uncompressed by default, or with Deflate, LZW or PackBits, with ImageJ metadata
 * when the voxel size is known.
 */
public final class TiffFormat implements VolumeFormat {

    @Override
    public boolean recognises(VolumeLocation location) {
        String name = location.fileName();
        return (name.endsWith(".tif") || name.endsWith(".tiff")) && !Files.isDirectory(location.path());
    }

    @Override
    public boolean matchesSignature(byte[] h) {
        if (h.length < 4) {
            return false;
        }
        boolean little = h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0;
        boolean big = h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43);
        return little || big;
    }

    @Override
    public VolumeReader open(VolumeLocation location) {
        Path path = location.path();
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "open", e);
        }
        try {
            return new TiffReader(path, channel, TiffParser.parse(path, channel));
        } catch (RuntimeException e) {
            FileChannels.closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public VolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        return TiffWriter.create(location, info, options, false);
    }

    /** Like {@link #create}, but always BigTIFF (64-bit offsets), whatever the size. */
    public VolumeWriter createBigTiff(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        return TiffWriter.create(location, info, options, true);
    }

    /** A one-line error for damaged or truncated files, naming the file. */
    static VemsegException.Corrupt corrupt(Path path, String problem) {
        return new VemsegException.Corrupt(path + ": " + problem);
    }
}
