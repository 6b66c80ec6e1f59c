package org.vemseg.nn.bmz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The cover of a package (2:1, as bioimage.io shows covers): the centre slice of the test input on the left,
 * the probability of the first foreground class on the right, both as grey levels.
 */
final class CoverImage {

    private CoverImage() {
    }

    /**
     * @param input test input, frames × size × size, raw intensities
     * @param output test output, classes × size × size, probabilities
     */
    static byte[] png(float[] input, int frames, float[] output, int classes, int size) {
        int plane = size * size;
        int centre = frames / 2 * plane;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < plane; i++) {
            min = Math.min(min, input[centre + i]);
            max = Math.max(max, input[centre + i]);
        }
        float range = max > min ? max - min : 1;
        int foreground = classes > 1 ? plane : 0;
        BufferedImage img = new BufferedImage(2 * size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                int raw = Math.round((input[centre + i] - min) / range * 255);
                int prob = Math.round(Math.min(1, Math.max(0, output[foreground + i])) * 255);
                img.getRaster().setSample(x, y, 0, raw);
                img.getRaster().setSample(size + x, y, 0, prob);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the cover in memory", e);
        }
        return bytes.toByteArray();
    }
}
