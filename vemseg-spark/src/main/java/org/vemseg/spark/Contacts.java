package org.vemseg.spark;

import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.objects.Connectivity;

/** Which voxel offsets touch under a connectivity: the neighbourhood the labelling uses, as offsets (z, y, x). */
final class Contacts {

    private Contacts() {
    }

    /**
     * The offsets to the voxels that touch a voxel: 6 faces, 18 with the edges, 26 with the corners; with
     * {@code perSlice} only those in the same z slice (4 for 6, 8 for 18 and 26, as the single-machine labelling).
     */
    static List<int[]> offsets(Connectivity c, boolean perSlice) {
        int reach = switch (c) {
            case SIX -> 1;
            case EIGHTEEN -> 2;
            case TWENTY_SIX -> 3;
        };
        List<int[]> out = new ArrayList<>();
        for (int dz = perSlice ? 0 : -1; dz <= (perSlice ? 0 : 1); dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int n = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
                    if (n > 0 && n <= reach) {
                        out.add(new int[] {dz, dy, dx});
                    }
                }
            }
        }
        return out;
    }
}
