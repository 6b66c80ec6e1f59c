package org.vemseg.core.io.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private static List<String> sorted(String... names) {
        List<String> l = new ArrayList<>(List.of(names));
        Collections.shuffle(l, new Random(5));
        l.sort(NaturalOrder.INSTANCE);
        return l;
    }

    @Test
    void numbersCompareByValueNotByCharacters() {
        assertEquals(List.of("images.1.png", "images.2.png", "images.10.png", "images.100.png"),
                sorted("images.10.png", "images.2.png", "images.100.png", "images.1.png"));
    }

    @Test
    void zeroPaddedNamesKeepTheirNumericOrder() {
        assertEquals(List.of("mitos_3D.009.png", "mitos_3D.010.png", "mitos_3D.011.png", "mitos_3D.100.png"),
                sorted("mitos_3D.100.png", "mitos_3D.010.png", "mitos_3D.011.png", "mitos_3D.009.png"));
    }

    @Test
    void mixedPaddingAndGapsSortByValue() {
        assertEquals(List.of("s7.tif", "s08.tif", "s0010.tif", "s999.tif"),
                sorted("s0010.tif", "s999.tif", "s7.tif", "s08.tif"));
    }

    @Test
    void textDecidesWhereNumbersTie() {
        assertEquals(List.of("a1b2", "a1b10", "a2b1", "b1"), sorted("b1", "a2b1", "a1b10", "a1b2"));
        assertTrue(NaturalOrder.INSTANCE.compare("img", "img1") < 0, "a prefix comes first");
    }

    @Test
    void numbersLongerThanALongStillCompare() {
        String small = "x" + "9".repeat(30) + ".png";
        String big = "x1" + "0".repeat(30) + ".png";
        assertTrue(NaturalOrder.INSTANCE.compare(small, big) < 0);
    }

    @Test
    void equalValuesFallBackToPlainOrderSoTheOrderIsTotal() {
        assertTrue(NaturalOrder.INSTANCE.compare("img1.png", "img01.png") != 0);
        assertEquals(0, NaturalOrder.INSTANCE.compare("img01.png", "img01.png"));
        assertEquals(-Integer.signum(NaturalOrder.INSTANCE.compare("img1.png", "img01.png")),
                Integer.signum(NaturalOrder.INSTANCE.compare("img01.png", "img1.png")));
        assertTrue(NaturalOrder.INSTANCE.compare("A1.png", "a1.png") != 0);
    }
}
