package org.vemseg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void rendersEveryKeyWithTheFrontEndsNames() {
        String text = "a.tif: output exists; use " + Settings.name("overwrite") + " or a smaller "
                + Settings.name("splitTouching");
        assertEquals("a.tif: output exists; use --overwrite or a smaller --split-touching",
                Settings.render(text, k -> "--" + k.replaceAll("([A-Z])", "-$1").toLowerCase()));
    }

    @Test
    void exceptionsQuoteKeysUnlessAskedForAnotherNaming() {
        VemsegException e = new VemsegException.InvalidInput("use " + Settings.name("tta") + " 8");
        assertEquals("use 'tta' 8", e.getMessage());
        assertEquals("use --tta 8", e.message(k -> "--" + k));
    }

    @Test
    void leavesBracesThatAreNotKeysAlone() {
        String json = "{\"a\": 1} and {Upper} and {two words}";
        assertEquals(json, Settings.render(json, k -> "X"));
        assertThrows(IllegalArgumentException.class, () -> Settings.name("no-dash"));
    }
}
