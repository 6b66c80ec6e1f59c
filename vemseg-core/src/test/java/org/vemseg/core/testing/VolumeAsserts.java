package org.vemseg.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

/** Assertions and helpers shared by volume tests. */
public final class VolumeAsserts {

    private VolumeAsserts() {
    }

    /** Same box, same type, same values; names the first differing voxel. */
    public static void assertBlockEquals(Block expected, Block actual) {
        assertEquals(expected.box(), actual.box(), "box");
        assertEquals(expected.type(), actual.type(), "data type");
        for (int i = 0, n = expected.size(); i < n; i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            if (Double.compare(e, a) != 0) {
                long w = expected.box().width();
                long h = expected.box().height();
                fail("voxel (z,y,x)=(" + (expected.box().z() + i / (w * h)) + "," + (expected.box().y() + (i / w) % h)
                        + "," + (expected.box().x() + i % w) + ") expected " + e + " but was " + a);
            }
        }
    }

    /** Writes {@code data} (placed at the origin) through {@code writer} in grid order and commits. */
    public static void writeAll(VolumeWriter writer, Block data) {
        for (Box b : BlockGrid.of(writer.info())) {
            writer.write(data.crop(b));
        }
        writer.commit();
    }
}
