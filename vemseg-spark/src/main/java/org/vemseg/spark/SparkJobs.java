package org.vemseg.spark;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;

/**
 * Runs one Spark job from the driver: its own job group (cancelled if the driver is interrupted), progress from an
 * accumulator the tasks add to, and a failure turned into one line.
 */
final class SparkJobs {

    private static final long POLL_MILLIS = 500;

    private SparkJobs() {
    }

    /**
     * Starts the job, reports what {@code done} gains to {@code progress} while waiting (never more than
     * {@code total} in all: a task that Spark runs again counts again), and returns its result.
     *
     * @param what names the work in messages ("prediction", "labelling")
     * @throws VemsegException the task's own error if it is one of vemseg's, else the first line of Spark's
     */
    static <T> T await(JavaSparkContext spark, String what, Supplier<JavaFutureAction<T>> job, LongAccumulator done,
            long total, Progress progress) {
        String group = "vemseg-" + UUID.randomUUID();
        spark.setJobGroup(group, "vemseg " + what, true);
        long reported = 0;
        try {
            JavaFutureAction<T> f = job.get();
            while (true) {
                try {
                    T result = f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    progress.advance(Math.min(total, done.value()) - reported);
                    return result;
                } catch (TimeoutException e) {
                    long now = Math.min(total, done.value());
                    progress.advance(now - reported);
                    reported = now;
                }
            }
        } catch (InterruptedException e) {
            spark.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new VemsegException("distributed " + what + " interrupted", e);
        } catch (ExecutionException e) {
            throw failure(what, e);
        } finally {
            spark.clearJobGroup();
        }
    }

    /** The task's own error if it is one of vemseg's, else the first line of Spark's. */
    static VemsegException failure(String what, ExecutionException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof VemsegException v) {
                return v;
            }
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new VemsegException("distributed " + what + " failed: " + firstLine(cause.getMessage()), cause);
    }

    static String firstLine(String s) {
        String m = String.valueOf(s);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
