package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

    private static ContactSheet.Entry entry(int id, double score, int partner) {
        return new ContactSheet.Entry(id, new byte[16 * 16], 16, score, "#" + id + "\nsomewhere", partner);
    }

    @Test
    void samplesStayBoundedAndExtremesAreExact() {
        ContactSheet random = new ContactSheet(5, 1);
        ContactSheet lowest = new ContactSheet(3, ContactSheet.Pick.LOWEST, 1);
        ContactSheet highest = new ContactSheet(3, ContactSheet.Pick.HIGHEST, 1);
        for (int i = 0; i < 1000; i++) {
            double score = (i * 7919) % 1000;
            random.offer(entry(i, score, -1));
            lowest.offer(entry(i, score, -1));
            highest.offer(entry(i, score, -1));
        }
        assertEquals(5, random.entries().size());
        assertEquals(List.of(0.0, 1.0, 2.0),
                lowest.entries().stream().map(ContactSheet.Entry::score).sorted().toList());
        assertEquals(List.of(997.0, 998.0, 999.0),
                highest.entries().stream().map(ContactSheet.Entry::score).sorted().toList());
    }

    @Test
    void duplicatesAreDrawnBesideTheirOriginal() {
        BufferedImage original = PatchImages.image(new byte[16 * 16], 16);
        List<ContactSheet.Entry> sample = List.of(entry(1, 5, -1), entry(2, 4, 7), entry(3, 3, 7));
        BufferedImage sheet = ContactSheet.render("t", sample, false, 2, id -> original);
        // 1 single + 2 pairs on a 2-column grid: the single takes a row of its own, each pair one row
        assertEquals(2 * (160 + 4) + 4, sheet.getWidth());
        assertEquals(28 + 3 * (160 + 30 + 4), sheet.getHeight());
        assertTrue(sheet.getRGB(10, 40) != 0);
    }
}
