package org.vemseg.core.ops;

import java.util.Optional;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;

/**
 * Converts a block to another voxel type. Without a map, values are rounded and saturated at the
 * target's range (never wrapped); with a map, values are first mapped linearly.
 */
public final class TypeConversion {

    private TypeConversion() {
    }

    /** The block in {@code target} type; the same instance if nothing changes. */
    public static Block convert(Block src, DataType target, Optional<IntensityMap> map) {
        if (src.type() == target && map.isEmpty()) {
            return src;
        }
        Block out = Block.allocate(src.box(), target);
        int n = src.size();
        if (map.isEmpty()) {
            for (int i = 0; i < n; i++) {
                out.set(i, src.get(i));
            }
        } else {
            IntensityMap m = map.get();
            for (int i = 0; i < n; i++) {
                out.set(i, m.apply(src.get(i)));
            }
        }
        return out;
    }
}
