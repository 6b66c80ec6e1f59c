package org.vemseg.core.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One of the 16 geometric test-time augmentations of CDeep3M: an in-plane {@link Dihedral} element,
 * optionally combined with reversing the order of the input frames (z flip).
 *
 * <p>Prediction is 2D per slice: the input is {@code frames x H x W} (z context around the output
 * slice) and the output is {@code classes x H x W} for the centre slice only. So the z flip changes
 * only the input's frame order; undoing it on the output needs nothing, and undoing the variant is
 * undoing its in-plane part.
 *
 * @param plane the in-plane symmetry
 * @param flipZ whether the input frames are reversed
 */
public record GeometricVariant(Dihedral plane, boolean flipZ) {

    private static final List<GeometricVariant> ALL;

    static {
        List<GeometricVariant> all = new ArrayList<>(16);
        for (boolean z : new boolean[] {false, true}) {
            for (Dihedral d : Dihedral.values()) {
                all.add(new GeometricVariant(d, z));
            }
        }
        ALL = Collections.unmodifiableList(all);
    }

    public GeometricVariant {
        if (plane == null) {
            throw new IllegalArgumentException("plane must not be null");
        }
    }

    public static final GeometricVariant IDENTITY = new GeometricVariant(Dihedral.IDENTITY, false);

    /**
     * All 16 variants in the order used by {@code --tta}: the 8 in-plane elements in {@link Dihedral}
     * declaration order without z flip, then the same 8 with z flip.
     */
    public static List<GeometricVariant> all() {
        return ALL;
    }

    /**
     * The first {@code n} variants of {@link #all()}, for {@code --tta n}: 1 = identity, 2 = + x flip,
     * 4 = + y flip and 180°, 8 = all in-plane, 16 = all including z flips. Each choice is a group, so
     * the average over it is symmetric.
     *
     * @throws IllegalArgumentException unless {@code n} is 1, 2, 4, 8 or 16
     */
    public static List<GeometricVariant> first(int n) {
        if (n != 1 && n != 2 && n != 4 && n != 8 && n != 16) {
            throw new IllegalArgumentException("test-time augmentation must be 1, 2, 4, 8 or 16 variants, was " + n);
        }
        return ALL.subList(0, n);
    }

    /**
     * The variant a random draw {@code flags} in [0, 16) stands for: bits 0-2 the in-plane element
     * ({@link Dihedral#fromFlags}), bit 3 the z flip. Training augmentation draws its variant this way.
     */
    public static GeometricVariant fromFlags(int flags) {
        if (flags < 0 || flags >= 16) {
            throw new IllegalArgumentException("variant flags must be in [0, 16) but were " + flags);
        }
        return new GeometricVariant(Dihedral.fromFlags(flags & 7), (flags & 8) != 0);
    }

    /** This variant without the z flip (what a 1-frame model effectively sees). */
    public GeometricVariant withoutZFlip() {
        return flipZ ? new GeometricVariant(plane, false) : this;
    }

    public boolean isIdentity() {
        return plane == Dihedral.IDENTITY && !flipZ;
    }

    /**
     * Transforms an input tile of {@code frames x height x width} (flat, z-y-x) at {@code srcOff} into
     * {@code dst} at {@code dstOff}, shaped {@code frames x outHeight x outWidth}.
     */
    public void applyToInput(float[] src, int srcOff, int frames, int height, int width, float[] dst, int dstOff) {
        int plane2 = height * width;
        for (int f = 0; f < frames; f++) {
            int from = flipZ ? frames - 1 - f : f;
            plane.apply(src, srcOff + from * plane2, height, width, dst, dstOff + f * plane2);
        }
    }

    /**
     * Undoes this variant on an output of {@code classes x outHeight x outWidth} (the shape the network
     * produced for the transformed input) at {@code srcOff}, writing {@code classes x height x width}
     * (the original tile shape) into {@code dst} at {@code dstOff}.
     */
    public void undoOnOutput(float[] src, int srcOff, int classes, int height, int width, float[] dst, int dstOff) {
        int outH = plane.outHeight(height, width);
        int outW = plane.outWidth(height, width);
        Dihedral inv = plane.inverse();
        int plane2 = height * width;
        for (int c = 0; c < classes; c++) {
            inv.apply(src, srcOff + c * plane2, outH, outW, dst, dstOff + c * plane2);
        }
    }

    @Override
    public String toString() {
        return plane + (flipZ ? "+FLIP_Z" : "");
    }
}
