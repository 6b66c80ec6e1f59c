package org.vemseg.nn.pretrain;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;

/** Writes 8-bit PNG patches cut from a synthetic EM volume, as {@code vemseg curate} would. */
final class Patches {

    private Patches() {
    }

    /** Patches of {@code size} px on a grid over the first {@code slices} slices of a real volume (8-bit). */
    static Path fromVolume(Path dir, Path volume, int slices, int size) {
        try (org.vemseg.core.io.VolumeReader r = org.vemseg.core.io.Volumes.open(volume.toString())) {
            int h = (int) r.info().height();
            int w = (int) r.info().width();
            Path out = dir.resolve("patches").resolve("0000");
            Files.createDirectories(out);
            int id = 0;
            for (int z = 0; z < slices; z++) {
                Block s = r.readSlice(z);
                for (int y0 = 0; y0 + size <= h; y0 += size) {
                    for (int x0 = 0; x0 + size <= w; x0 += size) {
                        BufferedImage bi = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                        for (int y = 0; y < size; y++) {
                            for (int x = 0; x < size; x++) {
                                bi.getRaster().setSample(x, y, 0, (int) s.get(s.index(z, y0 + y, x0 + x)));
                            }
                        }
                        ImageIO.write(bi, "png", out.resolve(String.format("%08d.png", id++)).toFile());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("patches");
    }

    /** {@code slices} × 4 quadrant patches of {@code size} px into {@code dir/patches/0000}. */
    static Path write(Path dir, int slices, int size, long seed) {
        Block img = new SyntheticEm(Box.ofShape(slices, 2 * size, 2 * size), new VoxelSize(30, 8, 8), seed)
                .generate().image();
        Path out = dir.resolve("patches").resolve("0000");
        try {
            Files.createDirectories(out);
            int id = 0;
            for (int z = 0; z < slices; z++) {
                for (int q = 0; q < 4; q++) {
                    BufferedImage bi = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                    int y0 = (q / 2) * size;
                    int x0 = (q % 2) * size;
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            int v = (int) Math.max(0, Math.min(255, Math.round(img.get(img.index(z, y0 + y, x0 + x)))));
                            bi.getRaster().setSample(x, y, 0, v);
                        }
                    }
                    ImageIO.write(bi, "png", out.resolve(String.format("%08d.png", id++)).toFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("patches");
    }
}
