package org.vemseg.cli;

/** The {@code vemseg} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = VemsegCli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("vemseg: error: out of memory; give Java more, e.g. "
                    + "VEMSEG_JAVA_OPTS=-Xmx8g ./vemseg ...");
            code = VemsegCli.INTERNAL_ERROR;
        }
        System.exit(code);
    }
}
