package org.vemseg.cli;

import picocli.CommandLine.Option;

/** The {@code -q}/{@code --quiet} option of every command that shows progress, and the progress it chooses. */
final class Quiet {

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    /** Progress on the console, or none when quiet; tasks with fewer than {@code minTotal} steps show none. */
    ConsoleProgress progress(long minTotal) {
        return new ConsoleProgress(minTotal, !quiet);
    }
}
