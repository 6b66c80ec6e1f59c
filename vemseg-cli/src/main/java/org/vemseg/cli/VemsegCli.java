package org.vemseg.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.vemseg.core.Notices;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Builds the command line and maps failures to exit codes: 0 success, 2 bad input or usage (a one-line
 * message, no stack trace unless {@code --debug}), 1 an internal error (a bug: the message asks for
 * {@code --debug} output in a report).
 */
public final class VemsegCli {

    /** Exit code for bad input and usage errors. */
    public static final int BAD_INPUT = 2;
    /** Exit code for internal errors. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private VemsegCli() {
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VemsegCommand());
        cl.setExecutionExceptionHandler(VemsegCli::handleExecutionException);
        cl.setParameterExceptionHandler(VemsegCli::handleParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Runs the command and returns its exit code (never calls {@code System.exit}). */
    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    /** Like {@link #execute(String...)} with output and errors captured (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return execute(cl, args);
    }

    /** Runs {@code cl}, with core's notices (e.g. a stale temporary removed) on its error stream. */
    private static int execute(CommandLine cl, String... args) {
        PrintWriter err = cl.getErr();
        FlagNames flags = new FlagNames(cl);
        Consumer<String> previous = Notices.redirect(line -> {
            err.println("vemseg: " + Settings.render(line, flags));
            err.flush();
        });
        try {
            return cl.execute(args);
        } finally {
            Notices.redirect(previous);
        }
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = debugRequested(parsed);
        if (debug) {
            ex.printStackTrace(err);
        }
        if (shuttingDown()) {
            // Ctrl-C stopped the workers under the command: its error is a consequence, not a fault to report.
            err.println("vemseg: interrupted");
            err.flush();
            return INTERRUPTED;
        }
        if (ex instanceof VemsegException v) {
            err.println("vemseg: error: " + v.message(new FlagNames(cl.getCommandSpec().root().commandLine())));
            err.flush();
            return BAD_INPUT;
        }
        if (ex instanceof CommandLine.ParameterException) {
            err.println("vemseg: error: " + ex.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        err.println("vemseg: internal error: " + ex + (debug ? "" : " (rerun with --debug for details)"));
        err.flush();
        return INTERNAL_ERROR;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("vemseg: error: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try 'vemseg " + cl.getCommandSpec().qualifiedName(" ").replaceFirst("^vemseg ?", "")
                    .trim() + (cl.getCommandSpec().qualifiedName().equals("vemseg") ? "" : " ") + "--help' for usage.");
        }
        err.flush();
        return BAD_INPUT;
    }

    /** Whether the JVM is running its shutdown hooks (Ctrl-C, SIGTERM): it then refuses new ones. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
