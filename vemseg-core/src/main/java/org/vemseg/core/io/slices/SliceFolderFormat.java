package org.vemseg.core.io.slices;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * A volume stored as a folder of 2D images, one per z slice: PNG or TIFF. Reads any folder of .png or
 * .tif/.tiff slices ordered by the numbers in their names (see {@link SliceFolderReader}), and a single
 * .png as a 1-slice volume. Writes {@code slice_00000.png} ... (see {@link SliceFolderWriter}).
 *
 * <p>Slice image type when writing: {@link WriteOptions#sliceFormat()} if given; otherwise PNG for uint8
 * and uint16 and TIFF for the other types TIFF slices can hold (int16, int32, float32, float64). PNG
 * stores only uint8 and uint16; asking for PNG with another type is refused before anything is written.
 */
public final class SliceFolderFormat implements VolumeFormat {

    /** A folder holding .png/.tif slices, or a single .png file (a single .tif is a TIFF stack). */
    @Override
    public boolean recognises(VolumeLocation location) {
        Path p = location.path();
        if (location.dataset().isPresent()) {
            return false;
        }
        if (Files.isDirectory(p)) {
            return SliceFiles.containsSlices(p);
        }
        return Files.isRegularFile(p) && SliceFiles.formatOf(p).orElse(null) == SliceFormat.PNG;
    }

    @Override
    public VolumeReader open(VolumeLocation location) {
        return SliceFolderReader.open(location.path());
    }

    /** Each slice of a folder is an image of its own, readable alone. */
    @Override
    public boolean isFileStack() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public VolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        Path target = location.path();
        SliceFormat format = options.sliceFormat().orElseGet(() -> defaultFormat(info.dataType()));
        SliceEncoder encoder = SliceEncoder.of(target, format, info.dataType(), options.compression());
        AtomicOutput output = AtomicOutput.begin(target, options.overwrite(), true);
        return new SliceFolderWriter(output, info, encoder);
    }

    /** PNG where it can hold the type (it is read everywhere), else TIFF where it can. */
    static SliceFormat defaultFormat(DataType type) {
        if (SliceEncoder.canStore(SliceFormat.PNG, type) || !SliceEncoder.canStore(SliceFormat.TIFF, type)) {
            return SliceFormat.PNG;
        }
        return SliceFormat.TIFF;
    }

    @Override
    public String toString() {
        return "slice folder";
    }
}
