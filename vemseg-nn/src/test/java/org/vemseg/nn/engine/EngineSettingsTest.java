package org.vemseg.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EngineSettingsTest {

    // Only the refusal: setting a thread count here would change the engine every later test in this JVM loads.
    @Test
    void fewerThanOneThreadIsRefusedBeforeAnythingIsSet() {
        String before = System.getProperty("ai.djl.pytorch.num_threads");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineSettings.threads(0));
        assertEquals("engine threads must be ≥ 1 but was 0", e.getMessage());
        assertEquals(before, System.getProperty("ai.djl.pytorch.num_threads"));
    }

    @Test
    void offlineKeepsAnExplicitSetting() {
        String before = System.getProperty("ai.djl.offline");
        try {
            System.setProperty("ai.djl.offline", "false");
            EngineSettings.offline();
            assertEquals("false", System.getProperty("ai.djl.offline"));
        } finally {
            if (before == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", before);
            }
        }
    }
}
