package org.vemseg.core.volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;

/**
 * A family of 2D slices a 2D network can be run along: {@code xy} (the slices as acquired, stacked along z),
 * {@code xz} (stacked along y) or {@code yz} (stacked along x). Orthoplane prediction runs the same network along
 * several of them and averages, as empanada does for isotropic FIB-SEM.
 *
 * <p>Each plane is an axis permutation: {@link #axes()} gives, for each axis (z, y, x) of the plane's view, the
 * axis of the volume it reads. The view's z is the stacking axis, so a prediction of the view sees the plane's
 * slices as its slices, and a model's 3 or 5 frames are neighbouring slices along the stacking axis.
 */
public enum Plane {
    /** The volume as it is: slices along z. */
    XY("xy", 0, 1, 2),
    /** Slices along y: the view's (z, y, x) are the volume's (y, z, x). */
    XZ("xz", 1, 0, 2),
    /** Slices along x: the view's (z, y, x) are the volume's (x, y, z). */
    YZ("yz", 2, 1, 0);

    /** How far z may differ from y and x (as a ratio) for voxels to count as near-isotropic. */
    public static final double ISOTROPY_RATIO = 1.5;

    private final String label;
    private final int[] axes;

    Plane(String label, int... axes) {
        this.label = label;
        this.axes = axes;
    }

    /** For each axis (z, y, x) of this plane's view, the volume axis it reads (0 = z, 1 = y, 2 = x). */
    public int[] axes() {
        return axes.clone();
    }

    /** The inverse permutation: for each volume axis, the axis of this plane's view that holds it. */
    public int[] inverseAxes() {
        int[] inverse = new int[3];
        for (int d = 0; d < 3; d++) {
            inverse[axes[d]] = d;
        }
        return inverse;
    }

    /** Whether this plane's view is the volume itself. */
    public boolean isIdentity() {
        return this == XY;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Parses a comma-separated list such as {@code xy,xz,yz} (in any order, each plane once). Errors name the
     * setting {@code {planes}} and list the valid planes.
     */
    public static List<Plane> parseList(String text) {
        List<Plane> planes = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            Plane p = Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst()
                    .orElseThrow(() -> new VemsegException.InvalidInput("{planes}: unknown plane '" + part.trim()
                            + "' in '" + text + "'; valid: " + names(List.of(values()))));
            if (planes.contains(p)) {
                throw new VemsegException.InvalidInput("{planes}: plane " + p + " is given twice in '" + text + "'");
            }
            planes.add(p);
        }
        return List.copyOf(planes);
    }

    /** The planes as the command line writes them, e.g. {@code xy,xz,yz}. */
    public static String names(List<Plane> planes) {
        return planes.stream().map(Plane::toString).collect(Collectors.joining(","));
    }

    /**
     * Whether voxels of {@code size} are near-isotropic: z within {@link #ISOTROPY_RATIO} times of both y and x
     * (either way), so that a network trained on xy slices sees similar structures in xz and yz slices.
     */
    public static boolean isNearIsotropic(VoxelSize size) {
        return within(size.z(), size.y()) && within(size.z(), size.x());
    }

    private static boolean within(double a, double b) {
        return Math.max(a, b) <= ISOTROPY_RATIO * Math.min(a, b);
    }
}
