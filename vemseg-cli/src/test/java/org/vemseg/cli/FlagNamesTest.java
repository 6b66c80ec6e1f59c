package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library names settings by key, never by flag; every key it uses must be an option of this command line.
 */
class FlagNamesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A long option as the command line spells it, not part of a longer word ("a--b") or an arrow ("-->"). */
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern NAMED = Pattern.compile("Settings\\.name\\(\"([a-z][A-Za-z0-9]*)\"\\)");

    @Test
    void rendersKeysAsTheFlagsOfTheCommands() {
        FlagNames flags = new FlagNames(VemsegCli.commandLine());
        assertEquals("--overwrite", flags.apply("overwrite"));
        assertEquals("--split-touching", flags.apply("splitTouching"));
        assertEquals("'noSuchOption'", flags.apply("noSuchOption"));
    }

    @Test
    void everyKeyInLibraryMessagesIsAnOption() throws IOException {
        FlagNames flags = new FlagNames(VemsegCli.commandLine());
        TreeSet<String> unknown = new TreeSet<>();
        List<String> seen = new ArrayList<>();
        for (Line line : librarySourceLines()) {
            List<String> keys = new ArrayList<>();
            Matcher named = NAMED.matcher(line.text());
            while (named.find()) {
                keys.add(named.group(1));
            }
            for (String literal : line.literals()) {
                Matcher m = PLACEHOLDER.matcher(literal);
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
            for (String key : keys) {
                seen.add(key);
                if (!flags.known(key)) {
                    unknown.add(line.file().getFileName() + ": " + key);
                }
            }
        }
        assertTrue(seen.contains("overwrite"), "the scan found no placeholder at all: " + seen);
        assertTrue(unknown.isEmpty(), "setting keys without an option: " + unknown);
    }

    @Test
    void libraryMessagesSpellNoFlag() throws IOException {
        TreeSet<String> spelled = new TreeSet<>();
        for (Line line : librarySourceLines()) {
            for (String literal : line.literals()) {
                Matcher m = FLAG.matcher(literal);
                while (m.find()) {
                    spelled.add(line.file().getFileName() + ": " + m.group());
                }
            }
        }
        assertTrue(spelled.isEmpty(), "CLI flags in library string literals (name the setting by key): " + spelled);
    }

    /** A code line of a library main source, with its string literals. */
    private record Line(Path file, String text) {
        List<String> literals() {
            List<String> out = new ArrayList<>();
            Matcher literal = STRING.matcher(text);
            while (literal.find()) {
                out.add(literal.group());
            }
            return out;
        }
    }

    /** Every line of core's and nn's main sources but javadoc and comments, which may show examples. */
    private static List<Line> librarySourceLines() throws IOException {
        List<Path> roots = List.of(Path.of("../vemseg-core/src/main/java"), Path.of("../vemseg-nn/src/main/java"),
                Path.of("../vemseg-spark/src/main/java"));
        assumeTrue(roots.stream().allMatch(Files::isDirectory), "library sources not beside this module");
        List<Line> lines = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        if (!line.trim().startsWith("*") && !line.trim().startsWith("//")) {
                            lines.add(new Line(f, line));
                        }
                    }
                }
            }
        }
        return lines;
    }
}
