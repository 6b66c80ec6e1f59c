package org.vemseg.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vemseg.core.Progress;

/**
 * Draws core {@link Progress} as a console bar with rate and ETA on standard error. Small tasks (below
 * {@code minTotal} units) draw nothing, so quick commands stay quiet.
 */
final class ConsoleProgress implements Progress {

    private final long minTotal;
    private final boolean enabled;
    private final PrintStream stream;
    private final long rateVoxels;
    private ProgressBar bar;
    private long total;
    private long done;
    private long startNanos;
    /** Whether this task counts something other than voxels, so that the voxel rate applies (see withVoxelRate). */
    private boolean rated;

    ConsoleProgress(long minTotal, boolean enabled) {
        this(minTotal, enabled, System.err);
    }

    ConsoleProgress(long minTotal, boolean enabled, PrintStream stream) {
        this(minTotal, enabled, stream, 0);
    }

    private ConsoleProgress(long minTotal, boolean enabled, PrintStream stream, long rateVoxels) {
        this.minTotal = minTotal;
        this.enabled = enabled;
        this.stream = stream;
        this.rateVoxels = rateVoxels;
    }

    /**
     * The same bar, also showing voxels per second, for a task whose {@code total} units together cover
     * {@code voxels} voxels (e.g. blocks of a volume; the rate assumes blocks of average size).
     */
    ConsoleProgress withVoxelRate(long voxels) {
        return new ConsoleProgress(minTotal, enabled, stream, voxels);
    }

    @Override
    public synchronized void start(String task, long total, String unit) {
        finish();
        if (!enabled || total < minTotal) {
            return;
        }
        this.total = total;
        this.done = 0;
        this.startNanos = System.nanoTime();
        // A later task counted in voxels (the pyramid after prediction) shows its own rate: the bar's speed.
        this.rated = rateVoxels > 0 && !"voxels".equals(unit);
        boolean mega = "voxels".equals(unit) && total >= 10_000_000;
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUnit(mega ? "M" + unit : " " + unit, mega ? 1_000_000 : 1)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
    }

    @Override
    public synchronized void advance(long amount) {
        if (bar != null) {
            bar.stepBy(amount);
            done += amount;
            if (rated && total > 0) {
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                double voxels = (double) rateVoxels * done / total;
                bar.setExtraMessage(String.format(java.util.Locale.ROOT, " %.2f Mvoxels/s",
                        voxels / 1e6 / Math.max(seconds, 1e-3)));
            }
        }
    }

    @Override
    public synchronized void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
