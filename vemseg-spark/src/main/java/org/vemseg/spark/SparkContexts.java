package org.vemseg.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Box;
import org.vemseg.nn.predict.PredictionJob;

/**
 * Starts the Spark context of one vemseg command, failing within seconds, with one line, where Spark would wait or
 * fail obscurely.
 *
 * <p>A standalone master ({@code spark://HOST:PORT}) that cannot be reached is refused before Spark starts: Spark
 * itself would retry its registration for a minute and then stop the context from another thread. A driver started
 * outside spark-submit ({@code ./vemseg ... --spark spark://...}) ships vemseg's jars to the executors, which
 * otherwise would not find its classes.
 */
final class SparkContexts {

    /** How long to try to reach a standalone master. */
    static final int CONNECT_MILLIS = 5000;

    private SparkContexts() {
    }

    /** Whether Spark is on the class path (./vemseg adds it only for {@code --spark}). */
    static boolean onClassPath() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkContexts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A context for {@code master} (empty: the one spark-submit set), named {@code app}.
     *
     * @throws VemsegException.InvalidInput naming {@code {spark}} when the master cannot be reached or Spark does
     *     not start
     */
    static JavaSparkContext start(String master, String app) {
        SparkConf conf = new SparkConf().setAppName(app).setIfMissing("spark.ui.showConsoleProgress", "false");
        if (!master.isEmpty()) {
            conf.setMaster(master);
        }
        String effective = conf.get("spark.master", "");
        if (effective.startsWith("spark://")) {
            requireReachable(effective);
        }
        if (!effective.startsWith("local") && !conf.contains("spark.jars")) {
            List<String> jars = vemsegJars();
            if (!jars.isEmpty()) {
                conf.set("spark.jars", String.join(",", jars));
            }
        }
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new VemsegException.InvalidInput("{spark} " + effective + ": cannot start Spark: "
                    + SparkJobs.firstLine(e.getMessage()));
        }
    }

    /** Throws unless one of the masters of {@code url} ({@code spark://H1:P1,H2:P2}) accepts a connection. */
    static void requireReachable(String url) {
        List<String> failures = new ArrayList<>();
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new VemsegException.InvalidInput("{spark} " + url + ": not a master URL spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                failures.add(host + ":" + port + " (" + e.getMessage() + ")");
            }
        }
        throw new VemsegException.InvalidInput("{spark} " + url + ": cannot reach the Spark master at "
                + String.join(", ", failures));
    }

    /** The jar files holding vemseg's classes (core, nn and the command line; vemseg-spark), if run from jars. */
    private static List<String> vemsegJars() {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {Box.class, PredictionJob.class, SparkContexts.class}) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(p)) {
                    jars.add(p.toString());
                }
            } catch (URISyntaxException | RuntimeException e) {
                // no jar to ship (e.g. classes from a folder): the executors need the classes on their class path
            }
        }
        return List.copyOf(jars);
    }
}
