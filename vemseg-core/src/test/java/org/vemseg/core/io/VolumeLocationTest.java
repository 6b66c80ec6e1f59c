package org.vemseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vemseg.core.VemsegException;

class VolumeLocationTest {

    @Test
    void datasetIsSplitOnlyAfterAContainerExtension() {
        VolumeLocation h5 = VolumeLocation.parse("data/sample A.h5:/volumes/raw");
        assertEquals(Path.of("data/sample A.h5"), h5.path());
        assertEquals(Optional.of("/volumes/raw"), h5.dataset());
        assertEquals(Optional.of("/1"), VolumeLocation.parse("v.ome.zarr:/1").dataset());
        VolumeLocation plain = VolumeLocation.parse("weird:name.tif");
        assertEquals(Path.of("weird:name.tif"), plain.path());
        assertEquals(Optional.empty(), plain.dataset());
    }

    @Test
    void outputFormatFollowsTheExtension() {
        assertEquals(Format.TIFF, Format.forWriting(VolumeLocation.parse("/tmp/x/out.tiff")));
        assertEquals(Format.ZARR, Format.forWriting(VolumeLocation.parse("/tmp/x/out.ome.zarr")));
        assertEquals(Format.SLICES, Format.forWriting(VolumeLocation.parse("/tmp/x/slices")));
        VemsegException e = assertThrows(VemsegException.Unsupported.class,
                () -> Format.forWriting(VolumeLocation.parse("/tmp/x/out.mrc")));
        assertTrue(e.getMessage().contains(".mrc"), e.getMessage());
    }
}
