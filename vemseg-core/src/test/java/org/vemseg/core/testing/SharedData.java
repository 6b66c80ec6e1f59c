package org.vemseg.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real EM datasets in {@code ../shared/data} (beside the repository). Tests that need them
 * call {@link #require(String)}, which skips the test with a message where the data is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The data folder: system property {@code vemseg.shared} + {@code /data}, else {@code ../shared/data}. */
    public static Path dir() {
        String shared = System.getProperty("vemseg.shared");
        if (shared != null) {
            return Path.of(shared, "data").toAbsolutePath().normalize();
        }
        // Run from a module folder (IDE) or the repository root.
        for (Path p : new Path[] {Path.of("../shared/data"), Path.of("../../shared/data")}) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return Path.of("../shared/data").toAbsolutePath().normalize();
    }

    /** The path of a shared dataset file or folder; skips the calling test if it is missing. */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        assumeTrue(Files.exists(p), "skipping: shared data " + p + " is not present");
        return p;
    }
}
