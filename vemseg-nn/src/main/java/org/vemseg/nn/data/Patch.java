package org.vemseg.nn.data;

/**
 * One training sample: {@code frames} normalised image planes (frame-major, then y, then x) and the class
 * labels of the centre plane, {@code size × size}. Mutable: augmentation works in place.
 */
public record Patch(float[] image, byte[] labels, int frames, int size) {

    public Patch {
        if (image.length != frames * size * size || labels.length != size * size) {
            throw new IllegalArgumentException("patch arrays do not match " + frames + "×" + size + "×" + size);
        }
    }
}
