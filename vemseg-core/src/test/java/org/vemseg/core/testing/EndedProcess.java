package org.vemseg.core.testing;

import java.io.IOException;
import java.nio.file.Path;

/** A process id that certainly belongs to no running process, for tests of stale-temporary cleanup. */
public final class EndedProcess {

    private EndedProcess() {
    }

    /** The PID of a short child process ({@code java -version}) that has ended and been waited for. */
    public static long pid() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return p.pid();
    }
}
