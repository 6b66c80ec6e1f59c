package org.vemseg.nn.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.vemseg.core.VemsegException;

/**
 * Line-wise writing of the CSV logs of training and pre-training: every call reaches the file at once, so a log
 * survives a crash and a resumed run can continue it.
 */
public final class CsvLines {

    private CsvLines() {
    }

    /**
     * Appends {@code lines} to {@code path}, or replaces its content with them; {@code what} names the log in an
     * error ("training log").
     */
    public static void write(Path path, List<String> lines, boolean append, String what) {
        try {
            Files.write(path, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "write " + what, e);
        }
    }
}
