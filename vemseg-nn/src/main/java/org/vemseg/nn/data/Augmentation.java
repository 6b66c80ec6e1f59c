package org.vemseg.nn.data;

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
 */
public record Augmentation(boolean geometric, boolean brightness, boolean contrast, boolean gamma, boolean noise,
        boolean blur) {

    public static Augmentation all() {
        return new Augmentation(true, true, true, true, true, true);
    }

    public static Augmentation none() {
        return new Augmentation(false, false, false, false, false, false);
    }

    public boolean any() {
        return geometric || brightness || contrast || gamma || noise || blur;
    }
}
