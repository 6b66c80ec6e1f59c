package org.vemseg.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --overwrite} option of every command that writes outputs. What it replaces differs by command, so
 * a command whose outputs need more than the default description has its own under the key
 * {@code vemseg.COMMAND.overwrite} in {@code OptionTexts.properties} (picocli looks a mixin's description up by
 * the key of the command it is mixed into first).
 */
final class Overwrite {

    @Option(names = "--overwrite", descriptionKey = "overwrite", description = "Replace an existing output.")
    boolean overwrite;

    /** Whether existing outputs may be replaced. */
    boolean requested() {
        return overwrite;
    }
}
