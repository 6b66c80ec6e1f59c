package org.vemseg.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The main class for {@code spark-submit} (YARN, Kubernetes, a standalone cluster):
 * {@code spark-submit --class org.vemseg.cli.SparkSubmitMain --jars vemseg-spark.jar vemseg.jar predict ...} takes
 * the arguments of {@code vemseg predict}, {@code convert} or {@code analyze} and runs that command on the cluster
 * spark-submit set up ({@code --master}, executors, memory), as {@code --spark} does from the command line.
 */
public final class SparkSubmitMain {

    /** The commands that run on Spark. */
    static final Set<String> DISTRIBUTED = Set.of("predict", "convert", "analyze");

    private SparkSubmitMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !DISTRIBUTED.contains(args[0])) {
            System.err.println("vemseg: error: under spark-submit give one of " + String.join(", ",
                    DISTRIBUTED.stream().sorted().toList()) + " and its arguments, e.g. predict --model m.vsm "
                    + "--input in.zarr --output out.zarr");
            System.exit(VemsegCli.BAD_INPUT);
        }
        System.exit(VemsegCli.execute(withSpark(args)));
    }

    /** {@code args} with {@code --spark=} (empty: the master spark-submit set) unless they name a master. */
    static String[] withSpark(String... args) {
        List<String> given = Arrays.asList(args);
        if (given.stream().anyMatch(a -> a.equals("--spark") || a.startsWith("--spark="))) {
            return args.clone();
        }
        String[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = "--spark=";
        return out;
    }
}
