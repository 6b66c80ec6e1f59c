package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code LANG=C} (cron, containers, ssh without a locale) Java decodes file names as ASCII and rejects every
 * other path with "Malformed input". The launcher's environment switches to UTF-8 file names; this runs
 * {@code info} and {@code convert} on a path with spaces, an accent and CJK characters in a child started with
 * {@code LANG=C} through that environment.
 */
class LauncherLocaleTest {

    @TempDir
    Path dir;

    @Test
    void unicodePathWorksUnderCLocale() throws Exception {
        Path tif = SyntheticFiles.tiff(dir);
        Path env = Path.of("..", "launcher", "runtime-env.sh").toAbsolutePath().normalize();
        // The names are made by bash from octal UTF-8 bytes ("données 体积.tif", "sortie é.ome.zarr"): this JVM's
        // own file-name encoding depends on the locale the tests run in, so no non-ASCII string passes through it.
        String script = ". \"$0\" && vemseg_runtime_env"
                + " && in=\"$1/$(printf 'donn\\303\\251es \\344\\275\\223\\347\\247\\257.tif')\""
                + " && out=\"$1/$(printf 'sortie \\303\\251.ome.zarr')\""
                + " && cp \"$2\" \"$in\" && shift 2"
                + " && \"$@\" info \"$in\" --no-stats && \"$@\" convert \"$in\" \"$out\" -q && \"$@\" info \"$out\"";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", script, env.toString(), dir.toString(),
                tif.toString(), java, "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("LC_"));
        e.put("LANG", "C");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child did not finish");
        assertEquals(0, p.exitValue(), "info/convert on a Unicode path under LANG=C:\n" + output);
        assertTrue(output.contains("24 x 256 x 256") || output.contains("24 × 256 × 256")
                || output.replaceAll("\\s", "").contains("24,256,256"), "info printed no shape:\n" + output);
    }
}
