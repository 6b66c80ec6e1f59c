package org.vemseg.nn.data;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which augmentations to apply to training patches. Each enabled intensity augmentation is applied to a patch
 * with probability 1/2; geometric augmentation picks one of the 16 variants uniformly.
 *
 * @param geometric the 16 variants: 8 in-plane dihedral (flips, 90° rotations) × reversing the frame stack in z
 * @param brightness add a constant in [−0.2, 0.2] (in normalised units, i.e. standard deviations)
 * @param contrast multiply by a factor in [0.8, 1.25]
 * @param gamma gamma in [0.7, 1.5] applied to the patch's min–max range
 * @param noise additive Gaussian noise, σ in [0, 0.1]
 * @param blur 3×3 binomial blur of each plane
 * @param affine rotation by any angle and zoom by a factor in [0.8, 1.25], resampled from the slice (see
 *     {@link PatchSampler#nextAffine}): structures seen in few orientations or sizes in the training slices
 *     appear in all of them
 */
public record Augmentation(boolean geometric, boolean brightness, boolean contrast, boolean gamma, boolean noise,
        boolean blur, boolean affine) {

    /** The names {@link #parse} accepts, in the order of the record's components. */
    private static final List<String> NAMES = List.of("geometric", "brightness", "contrast", "gamma", "noise", "blur",
            "affine");

    public static Augmentation all() {
        return new Augmentation(true, true, true, true, true, true, true);
    }

    public static Augmentation none() {
        return new Augmentation(false, false, false, false, false, false, false);
    }

    /**
     * Parses {@code all}, {@code none} or a comma list of {@code geometric, brightness, contrast, gamma, noise,
     * blur, affine} (the augmentations to switch on).
     */
    public static Augmentation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return all();
        }
        if (t.equals("none")) {
            return none();
        }
        Set<String> on = new HashSet<>();
        for (String part : t.split(",")) {
            String name = part.trim();
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown augmentation '" + name + "'; use all, none or a list of "
                        + String.join(", ", NAMES));
            }
            on.add(name);
        }
        return new Augmentation(on.contains("geometric"), on.contains("brightness"), on.contains("contrast"),
                on.contains("gamma"), on.contains("noise"), on.contains("blur"), on.contains("affine"));
    }

    public boolean any() {
        return geometric || brightness || contrast || gamma || noise || blur || affine;
    }
}
