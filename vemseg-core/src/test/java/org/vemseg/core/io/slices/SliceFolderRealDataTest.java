package org.vemseg.core.io.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vemseg.core.testing.VolumeAsserts.assertBlockEquals;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/** The CDeep3M mitochondria slices (see ../shared/data/README.md); skipped where the data is absent. */
class SliceFolderRealDataTest {

    private static VolumeReader open(Path p) {
        return Volumes.open(VolumeLocation.of(p));
    }

    @Test
    void trainingImagesAreTwentySlicesOf1024SquareUint8InFileNumberOrder() {
        Path images = SharedData.require("cdeep3m-mito/train/images");
        assertEquals(Format.SLICES, Format.forReading(VolumeLocation.of(images)));
        try (VolumeReader r = open(images)) {
            assertEquals(20, r.info().depth());
            assertEquals(1024, r.info().height());
            assertEquals(1024, r.info().width());
            assertEquals(DataType.UINT8, r.info().dataType());
            assertTrue(r.info().voxelSize().isEmpty());
            // z = position in the numbered sequence 010..029: slice z is the file images.0(10+z).png
            for (int z : new int[] {0, 1, 9, 19}) {
                Path file = images.resolve(String.format(Locale.ROOT, "images.%03d.png", 10 + z));
                try (VolumeReader single = open(file)) {
                    assertBlockEquals(single.readAll().moveTo(z, 0, 0), r.readSlice(z));
                }
            }
            // a box across several slices equals the same region of each slice
            Box box = new Box(3, 500, 200, 4, 64, 300);
            Block part = r.read(box);
            for (int z = 3; z < 7; z++) {
                Box one = new Box(z, 500, 200, 1, 64, 300);
                assertBlockEquals(part.crop(one), r.read(one));
            }
        }
    }

    @Test
    void trainingLabelsArePaletteIndicesZeroAndOneWithAboutTenPercentMitochondria() {
        Path labels = SharedData.require("cdeep3m-mito/train/labels");
        try (VolumeReader r = open(labels)) {
            assertEquals(20, r.info().depth());
            assertEquals(1024, r.info().height());
            assertEquals(1024, r.info().width());
            Block all = r.readAll();
            byte[] v = all.bytes();
            long ones = 0;
            for (byte b : v) {
                assertTrue(b == 0 || b == 1, "label values are 0 or 1, found " + (b & 0xFF));
                ones += b;
            }
            double fraction = ones / (double) v.length;
            System.out.printf(Locale.ROOT, "cdeep3m-mito train/labels: mitochondria fraction %.4f (%d of %d voxels)%n",
                    fraction, ones, v.length);
            assertEquals(0.10, fraction, 0.03);
        }
    }

    @Test
    void validationImagesAreTenSlices() {
        Path images = SharedData.require("cdeep3m-mito/valid/images");
        try (VolumeReader r = open(images)) {
            assertEquals(10, r.info().depth());
            assertEquals(1024, r.info().height());
            Path last = images.resolve("images.059.png");
            try (VolumeReader single = open(last)) {
                assertBlockEquals(single.readAll().moveTo(9, 0, 0), r.readSlice(9));
            }
        }
    }
}
