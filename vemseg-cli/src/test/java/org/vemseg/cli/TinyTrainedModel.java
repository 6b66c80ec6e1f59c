package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

/**
 * A tiny model trained by {@code vemseg train} (width 0.125, 64-pixel patches) on a synthetic EM volume of 3 × 96 ×
 * 128 voxels, for the tests of commands that use a model.
 *
 * @param images the training image (a multi-page TIFF), also a handy prediction input
 * @param model the trained {@code .vsm}
 */
record TinyTrainedModel(Path images, Path model) {

    static TinyTrainedModel train(Path dir, String modelName, int iterations) {
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(3, 96, 128), new VoxelSize(30, 8, 8), 7).generate();
        Path img = dir.resolve("img.tif");
        Path lab = dir.resolve("lab");
        Volumes.write(VolumeLocation.of(img), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        Volumes.write(VolumeLocation.of(lab), s.labels(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        Path model = dir.resolve(modelName);
        CliRun r = CliRun.of("train", "--images", img.toString(), "--labels", lab.toString(), "--out", model.toString(),
                "--foreground", "1", "--iterations", String.valueOf(iterations), "--width", "0.125", "--patch", "64",
                "--batch", "2", "-q");
        assertEquals(0, r.exitCode(), r.err());
        return new TinyTrainedModel(img, model);
    }
}
