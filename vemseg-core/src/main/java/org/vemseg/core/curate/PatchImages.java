package org.vemseg.core.curate;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.vemseg.core.VemsegException;

/** Patches as 8-bit grayscale images: to and from PNG files. */
final class PatchImages {

    private PatchImages() {
    }

    static BufferedImage image(byte[] pixels, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, pixels.length);
        return img;
    }

    static void writePng(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new VemsegException.IO(file + ": cannot write PNG: no PNG encoder");
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write PNG", e);
        }
    }

    static BufferedImage readPng(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new VemsegException.Corrupt(file + ": not a readable PNG");
            }
            return img;
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read PNG", e);
        }
    }
}
