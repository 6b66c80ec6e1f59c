package org.vemseg.spark;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;

/**
 * One Spark job of vemseg's, run from the driver: its tasks count what they finished in an accumulator, which the
 * driver polls into a {@link Progress} (with its ETA) until the job ends. A failure becomes one line: the task's own
 * error when it is one of vemseg's, else the first line of Spark's. Ctrl-C on the driver cancels the job.
 */
final class SparkJob {

    private static final long POLL_MILLIS = 500;

    private SparkJob() {
    }

    /**
     * Submits the job that {@code submit} starts with a fresh accumulator, described as {@code what}, and waits for
     * it, advancing {@code progress} by the accumulator's growth (the caller starts and finishes the progress).
     */
    static void run(JavaSparkContext spark, String what, Function<LongAccumulator, JavaFutureAction<Void>> submit,
            Progress progress) {
        LongAccumulator done = spark.sc().longAccumulator(what);
        String group = "vemseg-" + UUID.randomUUID();
        spark.setJobGroup(group, what, true);
        try {
            JavaFutureAction<Void> f = submit.apply(done);
            long reported = 0;
            while (true) {
                try {
                    f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    long now = done.value();
                    progress.advance(now - reported);
                    reported = now;
                }
            }
            progress.advance(done.value() - reported);
        } catch (InterruptedException e) {
            spark.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new VemsegException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw failure(what, e);
        } finally {
            spark.clearJobGroup();
        }
    }

    /** The task's own error if it is one of vemseg's, else the first line of Spark's. */
    private static VemsegException failure(String what, ExecutionException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof VemsegException v) {
                return v;
            }
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new VemsegException(what + " failed: " + firstLine(cause.getMessage()), cause);
    }

    /** The first line of {@code message} (Spark's carry stack traces). */
    static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
