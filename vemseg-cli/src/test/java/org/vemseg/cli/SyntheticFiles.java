package org.vemseg.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

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

    /**
     * {@code folder/img} and {@code folder/lab}: {@code depth} 64 × 64 slices of synthetic EM and its labels (0
     * background, 1 mitochondria, 2 boundary), for tiny training runs.
     */
    static Path[] labelled(Path folder, int depth) {
        return labelled(folder, depth, 64);
    }

    /** {@code folder/img} and {@code folder/lab} as above, with {@code side} × {@code side} slices. */
    static Path[] labelled(Path folder, int depth, int side) {
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(depth, side, side), new VoxelSize(30, 8, 8), 5).generate();
        Path img = folder.resolve("img");
        Path lab = folder.resolve("lab");
        Volumes.write(VolumeLocation.of(img), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        Volumes.write(VolumeLocation.of(lab), s.labels(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        return new Path[] {img, lab};
    }

    /** {@code folder/image-slices/} (one PNG per z). */
    static Path pngSlices(Path folder) {
        SyntheticEm.Sample s = SyntheticEm.demo(1);
        Path p = folder.resolve("image-slices");
        Volumes.write(VolumeLocation.of(p), s.image(), Optional.empty(),
                WriteOptions.defaults().withSliceFormat(SliceFormat.PNG));
        return p;
    }

    /** {@code folder/patches/}: eight 64-px noise PNGs; pre-training only needs patches it can decode and augment. */
    static Path noisePatches(Path folder) throws IOException {
        Path out = Files.createDirectories(folder.resolve("patches"));
        Random rng = new Random(4);
        for (int i = 0; i < 8; i++) {
            BufferedImage bi = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    bi.getRaster().setSample(x, y, 0, rng.nextInt(256));
                }
            }
            ImageIO.write(bi, "png", out.resolve(i + ".png").toFile());
        }
        return out;
    }
}
