package org.vemseg.nn.train;

import java.util.Locale;
import org.vemseg.nn.data.LabelledVolume;

/**
 * What a training volume holds, so that a resumed run can tell whether it is given the data its checkpoint was
 * trained on: the shape and a 64-bit hash of the image values and of the class labels. The volumes are in memory
 * already, so hashing costs one pass (well under a second for the largest volume training accepts); being a hash
 * of the content rather than of paths or file dates, the same data moved or copied elsewhere still matches.
 */
record TrainingDataHash(String shape, long images, long labels) {

    /** FNV-1a's 64-bit prime: multiplying by it carries every changed bit into the higher bits of the hash. */
    private static final long PRIME = 0x100000001B3L;
    private static final long OFFSET = 0xCBF29CE484222325L;

    static TrainingDataHash of(LabelledVolume v) {
        return new TrainingDataHash(v.depth() + "×" + v.height() + "×" + v.width(), hash(v.images()),
                hash(v.labels()));
    }

    /** The images' part, as the settings of a checkpoint record it. */
    String imagesText() {
        return shape + ", content " + hex(images);
    }

    /** The labels' part (class indices after --foreground/--ignore), as the settings of a checkpoint record it. */
    String labelsText() {
        return shape + ", content " + hex(labels);
    }

    private static long hash(float[] values) {
        long h = OFFSET;
        for (float v : values) {
            // raw bits: -0.0 and 0.0 (or two NaNs) are different content, and hashing them costs nothing extra
            h = (h ^ Float.floatToRawIntBits(v)) * PRIME;
        }
        return h;
    }

    private static long hash(byte[] values) {
        long h = OFFSET;
        for (byte v : values) {
            h = (h ^ v) * PRIME;
        }
        return h;
    }

    private static String hex(long h) {
        return String.format(Locale.ROOT, "%016x", h);
    }
}
