package org.vemseg.core.io.zarr;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** The data behind the test resources written by {@code make_fixtures.py} (zarr-python / numcodecs). */
final class ZarrFixtures {

    private ZarrFixtures() {
    }

    /** A file or folder under {@code src/test/resources/org/vemseg/core/io/zarr}. */
    static Path resource(String relative) {
        try {
            return Path.of(ZarrFixtures.class.getResource("/org/vemseg/core/io/zarr/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + relative, e);
        }
    }

    /** 70000 bytes: little-endian uint16 {@code (i*7 + (i/100)*13) % 4099}, the content of every Blosc frame. */
    static byte[] patternBytes() {
        ByteBuffer b = ByteBuffer.allocate(70000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 35000; i++) {
            b.putShort((short) ((i * 7 + (i / 100) * 13) % 4099));
        }
        return b.array();
    }

    /** {@code (z*1000 + y*37 + x*11) % 251 - 100}, wrapped into unsigned types like NumPy's astype. */
    static Block volume(Box box, DataType type) {
        Block b = Block.allocate(box, type);
        int i = 0;
        for (long z = box.z(); z < box.end(0); z++) {
            for (long y = box.y(); y < box.end(1); y++) {
                for (long x = box.x(); x < box.end(2); x++) {
                    long v = (z * 1000 + y * 37 + x * 11) % 251 - 100;
                    double w = switch (type) {
                        case UINT8 -> v & 0xFF;
                        case UINT16 -> v & 0xFFFF;
                        case UINT32 -> v & 0xFFFFFFFFL;
                        default -> v;
                    };
                    b.set(i++, w);
                }
            }
        }
        return b;
    }
}
