package org.vemseg.nn.bmz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python 3 with torch, numpy and yaml on this machine (Debian's python3-torch), for tests that check exports
 * with a real PyTorch; empty where there is none. {@code python3} on the PATH comes first, then
 * {@code /usr/bin/python3} (a pyenv shim may shadow the system Python that has the Debian packages).
 */
final class PyTorch {

    private static Optional<String> python;

    private PyTorch() {
    }

    static synchronized Optional<String> python() {
        if (python == null) {
            python = Optional.empty();
            for (String candidate : List.of("python3", "/usr/bin/python3")) {
                if (exec(List.of(candidate, "-c", "import torch, numpy, yaml")).exitCode() == 0) {
                    python = Optional.of(candidate);
                    break;
                }
            }
        }
        return python;
    }

    /** Output and exit code of {@code bench/bmz/check.py} on the given packages. */
    static Result check(List<Path> packages) {
        return check(packages, 1e-4);
    }

    /** The same with another tolerance on the largest difference. */
    static Result check(List<Path> packages, double tolerance) {
        List<String> cmd = new ArrayList<>(List.of(python().orElseThrow(), repoRoot().resolve("bench/bmz/check.py")
                .toString(), "--tolerance", Double.toString(tolerance)));
        packages.forEach(p -> cmd.add(p.toString()));
        return exec(cmd);
    }

    record Result(int exitCode, String output) {
    }

    /** Path of a script in bench/bmz. */
    static String script(String name) {
        return repoRoot().resolve("bench/bmz").resolve(name).toString();
    }

    /** Runs the found Python with these arguments. */
    static Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python().orElseThrow());
        cmd.addAll(args);
        return exec(cmd);
    }

    private static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, out + "\n(timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** The repository root: surefire runs tests in the module folder. */
    private static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return here.resolve("bench").toFile().isDirectory() ? here : here.getParent();
    }
}
