package org.vemseg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures exit code, output and errors. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VemsegCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
