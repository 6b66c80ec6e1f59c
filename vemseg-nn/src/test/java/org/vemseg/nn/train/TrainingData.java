package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.Optional;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

/** Small synthetic training volumes written as slice folders for trainer tests. */
final class TrainingData {

    private TrainingData() {
    }

    /** Writes a synthetic EM volume and its labels (0 background, 1 mitochondrion, 2 membrane). */
    static Path[] synthetic(Path dir, int depth, int size, long seed) {
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(depth, size, size), new VoxelSize(30, 8, 8), seed)
                .generate();
        Path img = dir.resolve("img-" + seed);
        Path lab = dir.resolve("lab-" + seed);
        Volumes.write(VolumeLocation.of(img), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        Volumes.write(VolumeLocation.of(lab), s.labels(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        return new Path[] {img, lab};
    }

    /** Writes a block as a folder of slices. */
    static Path write(Path file, Block data) {
        Volumes.write(VolumeLocation.of(file), data, Optional.empty(), WriteOptions.defaults());
        return file;
    }
}
