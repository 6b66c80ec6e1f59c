package org.vemseg.core;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The one unchecked exception family of vemseg. Every subtype carries a message that a user can act on
 * without a stack trace: it names the file and the problem. Settings the user could change are named by
 * their key ({@link Settings#name(String)}), never by a front end's spelling: the command line prints
 * {@link #message(UnaryOperator)} with its flag names on one line and exits with code 2, while
 * {@link #getMessage()} quotes the keys.
 */
public class VemsegException extends RuntimeException {

    public VemsegException(String message) {
        super(message);
    }

    public VemsegException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message with each setting named by {@code naming} (the command line passes its flag names). */
    public String message(UnaryOperator<String> naming) {
        return Settings.render(super.getMessage(), naming);
    }

    /** The message with setting keys quoted, e.g. {@code 'overwrite'}. */
    @Override
    public String getMessage() {
        return message(Settings.QUOTED);
    }

    /** Reading or writing a file failed (missing, unreadable, disk full). */
    public static class IO extends VemsegException {
        public IO(String message, Throwable cause) {
            super(message, cause);
        }

        public IO(String message) {
            super(message);
        }

        /** Wraps an {@link java.io.IOException} where it happened, naming the path. */
        public static IO of(Path path, String action, Throwable cause) {
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof java.nio.file.NoSuchFileException) {
                detail = "no such file";
            } else if (cause instanceof java.nio.file.AccessDeniedException) {
                detail = "permission denied";
            }
            return new IO(path + ": cannot " + action + ": " + detail, cause);
        }
    }

    /** A file is in a format or uses a feature (dtype, compression, layout) vemseg does not support. */
    public static class Unsupported extends VemsegException {
        public Unsupported(String message) {
            super(message);
        }
    }

    /** A file claims to be in a supported format but its content is inconsistent or truncated. */
    public static class Corrupt extends VemsegException {
        public Corrupt(String message) {
            super(message);
        }

        public Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The inputs do not fit together: shapes differ, a crop lies outside the volume, an output exists. */
    public static class InvalidInput extends VemsegException {
        public InvalidInput(String message) {
            super(message);
        }
    }
}
