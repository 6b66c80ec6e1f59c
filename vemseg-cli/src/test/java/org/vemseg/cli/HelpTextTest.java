package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help renders cleanly: an unescaped '%' in a description makes picocli print a warning for
 * each option and show the raw text, which a user sees on every --help (it happened to --weight-average).
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int commands = 0;
        StringBuilder help = new StringBuilder();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine root = VemsegCli.commandLine();
            help.append(root.getUsageMessage());
            for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
                help.append(sub.getValue().getUsageMessage());
                commands++;
            }
        } finally {
            System.setErr(err);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertTrue(commands >= 10, "subcommands rendered: " + commands);
        assertEquals("", warnings, "picocli warnings while rendering --help");
        assertTrue(help.toString().contains("time constant 5% of the iterations"), "'%%' renders as '%'");
    }
}
