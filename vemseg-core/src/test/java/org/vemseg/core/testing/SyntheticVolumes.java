package org.vemseg.core.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/** Seeded test volumes whose values exercise the whole range of a type. */
public final class SyntheticVolumes {

    private SyntheticVolumes() {
    }

    /**
     * Random values over the full range of integer types (including the extremes) and over a
     * mixed-sign range for floats; the same seed always gives the same block.
     */
    public static Block random(Box box, DataType type, long seed) {
        Block b = Block.allocate(box, type);
        SplittableRandom r = new SplittableRandom(seed);
        int n = b.size();
        for (int i = 0; i < n; i++) {
            double v;
            if (type.isFloating()) {
                v = (r.nextDouble() - 0.3) * 1000;
            } else if (i == 0) {
                v = type.minValue();
            } else if (i == 1) {
                v = type.maxValue();
            } else {
                v = type.minValue() + Math.floor(r.nextDouble() * (type.maxValue() - type.minValue() + 1));
            }
            b.set(i, v);
        }
        return b;
    }

    /** A smooth ramp {@code (z*7 + y*3 + x) mod 256}: compresses well and shows misplaced voxels. */
    public static Block ramp(Box box, DataType type) {
        Block b = Block.allocate(box, type);
        int i = 0;
        for (long z = box.z(); z < box.end(0); z++) {
            for (long y = box.y(); y < box.end(1); y++) {
                for (long x = box.x(); x < box.end(2); x++) {
                    b.set(i++, (z * 7 + y * 3 + x) % 256);
                }
            }
        }
        return b;
    }

    /**
     * Synthetic EM (2 × 96 × 128 voxels of 30 × 8 × 8 nm, seed 3) written as {@code dir/img.tif}: an input small
     * enough for prediction tests that run a real network.
     */
    public static Path emTif(Path dir) {
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(2, 96, 128), new VoxelSize(30, 8, 8), 3).generate();
        Path img = dir.resolve("img.tif");
        Volumes.write(VolumeLocation.of(img), s.image(), Optional.of(s.voxelSize()), WriteOptions.defaults());
        return img;
    }
}
