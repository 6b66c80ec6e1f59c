package org.vemseg.cli;

import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders the setting keys in library messages ({@link org.vemseg.core.Settings}) as this command line's
 * flags: key {@code splitTouching} becomes {@code --split-touching}. Only keys that are the name of an option
 * of some command are rendered as flags, so a key the command line has no option for stays visibly a key
 * ({@code 'key'}) instead of becoming a flag that does not exist.
 */
final class FlagNames implements UnaryOperator<String> {

    private final Set<String> longNames = new HashSet<>();

    FlagNames(CommandLine root) {
        collect(root);
    }

    private void collect(CommandLine cl) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    longNames.add(n);
                }
            }
        }
        cl.getSubcommands().values().forEach(this::collect);
    }

    /** The flag for {@code key}, or the quoted key when no command has that option. */
    @Override
    public String apply(String key) {
        String flag = flag(key);
        return longNames.contains(flag) ? flag : org.vemseg.core.Settings.QUOTED.apply(key);
    }

    /** Whether some command has the option that {@code key} names. */
    boolean known(String key) {
        return longNames.contains(flag(key));
    }

    /** {@code splitTouching} → {@code --split-touching}. */
    static String flag(String key) {
        return "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
