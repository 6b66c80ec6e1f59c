package org.vemseg.core.io;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.vemseg.core.DaemonThreads;

/**
 * Worker threads that write into an {@link AtomicOutput}'s temporary. Closing the pool stops the workers
 * <em>and waits for them</em>: a worker still running after its output was abandoned would write on into a
 * deleted temporary, and atomic chunk writes recreate the folders they need, leaving a hidden temporary
 * behind. For the same reason Ctrl-C's cleanup stops every open pool before it deletes temporaries.
 */
public final class WriterPool implements AutoCloseable {

    /** How long stopping waits for a worker to finish what it is doing (decoding a slab takes a few seconds). */
    private static final long STOP_WAIT_SECONDS = 30;

    private static final Set<WriterPool> OPEN = ConcurrentHashMap.newKeySet();

    private final ExecutorService executor;

    private WriterPool(int threads, String name) {
        this.executor = Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
    }

    /** {@code threads} daemon workers called {@code name}. */
    public static WriterPool start(int threads, String name) {
        WriterPool pool = new WriterPool(threads, name);
        OPEN.add(pool);
        return pool;
    }

    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    public Future<?> submit(Runnable task) {
        return executor.submit(task);
    }

    /** Discards queued tasks, interrupts running ones and returns once every worker has stopped. */
    @Override
    public void close() {
        executor.shutdownNow();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                    break;
                } catch (InterruptedException e) {
                    // Still wait: returning early is what lets workers outlive the cleanup.
                    interrupted = true;
                }
            }
        } finally {
            OPEN.remove(this);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops every open pool (Ctrl-C's cleanup, before deleting temporaries). */
    static void closeAll() {
        OPEN.forEach(WriterPool::close);
    }
}
