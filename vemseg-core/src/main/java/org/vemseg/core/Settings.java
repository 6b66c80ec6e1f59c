package org.vemseg.core;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How messages from core and nn name a setting the user can change, without knowing the front end. A
 * message names a setting by its library key in braces, {@code "use {overwrite} to replace it"}, written with
 * {@link #name(String)}; each front end renders the keys its own way: the command line as flags
 * ({@code --overwrite}), a Java caller by default as the quoted key ({@code 'overwrite'}). Keys are the
 * camel-case names of the builders' {@code opt*} methods without the prefix ({@code splitTouching} for
 * {@code optSplitTouching}).
 */
public final class Settings {

    /** A key in braces: a lower-case start, then letters and digits, as a Java method name after "opt". */
    private static final Pattern KEY = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");

    /** The rendering of a key where no front end has given one. */
    public static final UnaryOperator<String> QUOTED = key -> "'" + key + "'";

    private Settings() {
    }

    /** The placeholder of setting {@code key} in a message, e.g. {@code name("tta")} is {@code "{tta}"}. */
    public static String name(String key) {
        if (!KEY.matcher("{" + key + "}").matches()) {
            throw new IllegalArgumentException("not a setting key: " + key);
        }
        return "{" + key + "}";
    }

    /** {@code text} with every setting placeholder replaced by {@code naming.apply(key)}. */
    public static String render(String text, UnaryOperator<String> naming) {
        if (text == null || text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = KEY.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(naming.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
