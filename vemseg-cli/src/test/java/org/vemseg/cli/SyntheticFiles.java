package org.vemseg.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;

/** Writes the synthetic EM volume as files that CLI tests can damage or convert. */
final class SyntheticFiles {

    private SyntheticFiles() {
    }

    /** {@code folder/image.tif} (multi-page TIFF with voxel size). */
    static Path tiff(Path folder) {
        SyntheticEm.Sample s = SyntheticEm.demo(1);
        Path p = folder.resolve("image.tif");
        Volumes.write(VolumeLocation.of(p), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        return p;
    }

    /** {@code folder/image-slices/} (one PNG per z). */
    static Path pngSlices(Path folder) {
        SyntheticEm.Sample s = SyntheticEm.demo(1);
        Path p = folder.resolve("image-slices");
        Volumes.write(VolumeLocation.of(p), s.image(), Optional.empty(),
                WriteOptions.defaults().withSliceFormat(SliceFormat.PNG));
        return p;
    }
}
