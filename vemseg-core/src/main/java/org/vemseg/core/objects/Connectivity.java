package org.vemseg.core.objects;

import org.vemseg.core.VemsegException;

/**
 * Which voxels touch: 6 = faces, 18 = faces and edges, 26 = faces, edges and corners. For each neighbour
 * row of the run-based labelling, {@link #inPlaneTolerance()} and friends say how far runs may be offset
 * along x and still touch.
 */
public enum Connectivity {
    SIX(6), EIGHTEEN(18), TWENTY_SIX(26);

    private final int neighbours;

    Connectivity(int neighbours) {
        this.neighbours = neighbours;
    }

    public int neighbours() {
        return neighbours;
    }

    /** Parses 6, 18 or 26. */
    public static Connectivity of(int n) {
        return switch (n) {
            case 6 -> SIX;
            case 18 -> EIGHTEEN;
            case 26 -> TWENTY_SIX;
            default -> throw new VemsegException.InvalidInput("connectivity must be 6, 18 or 26, was " + n);
        };
    }

    @Override
    public String toString() {
        return Integer.toString(neighbours);
    }
}
