package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resident memory of a training run levels off. Three hundred iterations of the default network and patch run in
 * a child JVM started in the environment {@code ./vemseg} gives Java ({@code launcher/runtime-env.sh}: the native
 * allocator above all), and the child's RSS is sampled twice a second. After a warm-up, the last third of the
 * samples must not lie more than {@value #GROWTH_LIMIT_MB} MB above the first third.
 *
 * <p>Why this bound fails the old launcher: with its glibc settings ({@code MALLOC_ARENA_MAX=1
 * MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1G}) the heap grew by about 10 MB per iteration, so about 1 GB between
 * the two thirds of this run; run this test with {@code VEMSEG_ALLOCATOR=glibc} and those three variables set to see
 * it fail. With jemalloc, or glibc's defaults, the two thirds differ by tens of MB. The Java heap is capped at
 * 1 GiB so that its own slow growth towards the JVM's default maximum does not blur the native picture.
 */
class LauncherMemoryTest {

    static final int GROWTH_LIMIT_MB = 250;
    static final int ITERATIONS = 300;

    @TempDir
    Path dir;

    @Test
    void trainingMemoryLevelsOff() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc to read resident memory");
        Path env = Path.of("..", "launcher", "runtime-env.sh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(env), "launcher environment script not found at " + env);
        Path[] data = SyntheticFiles.labelled(dir, 16, 256);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                ". \"$0\" && vemseg_runtime_env && exec \"$@\"", env.toString(),
                java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--images", data[0].toString(), "--labels", data[1].toString(),
                "--out", dir.resolve("m.vsm").toString(), "--foreground", "1",
                "--iterations", Integer.toString(ITERATIONS),
                "--validate-every", "100000", "--checkpoint-every", "100000", "--threads", "1", "-q"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        List<Long> rssMb = sample(p);
        String output = Files.readString(dir.resolve("child.log"));
        assertEquals(0, p.exitValue(), "training child failed:\n" + output);

        int n = rssMb.size();
        assertTrue(n >= 12, "too few RSS samples (" + n + ") to judge; child output:\n" + output);
        List<Long> settled = rssMb.subList(n / 4, n);  // the first quarter loads data and warms up the engine
        int third = settled.size() / 3;
        double first = mean(settled.subList(0, third));
        double last = mean(settled.subList(settled.size() - third, settled.size()));
        System.out.printf("LauncherMemoryTest: RSS %.0f MB in the first third, %.0f MB in the last, peak %d MB%n",
                first, last, rssMb.stream().mapToLong(Long::longValue).max().orElse(0));
        assertTrue(last - first <= GROWTH_LIMIT_MB, String.format(
                "resident memory kept rising: %.0f MB in the first third, %.0f MB in the last (limit +%d MB); "
                        + "samples: %s", first, last, GROWTH_LIMIT_MB, rssMb));
    }

    /** The process's VmRSS in MB every 500 ms until it ends (at most 10 minutes). */
    private static List<Long> sample(Process p) throws IOException, InterruptedException {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        List<Long> mb = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("training child did not finish in 10 minutes");
            }
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        mb.add(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            } catch (IOException e) {
                break;  // ended between waitFor and the read
            }
        }
        return mb;
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
