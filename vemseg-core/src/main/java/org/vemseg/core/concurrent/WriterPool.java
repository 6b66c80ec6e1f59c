package org.vemseg.core.concurrent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    private WriterPool(int threads, String name) {
        ThreadFactory named = DaemonThreads.named(name);
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = named.newThread(task);
            workers.add(t);
            return t;
        });
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

    /**
     * Discards queued tasks, interrupts running ones and returns once every worker thread has ended (or, for a
     * worker stuck in I/O, after {@value #STOP_WAIT_SECONDS} s).
     */
    @Override
    public void close() {
        executor.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        boolean interrupted = false;
        try {
            for (Thread worker : workers) {
                while (worker.isAlive() && System.nanoTime() < deadline) {
                    try {
                        worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    } catch (InterruptedException e) {
                        // Still wait: returning early is what lets workers outlive the cleanup.
                        interrupted = true;
                    }
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
    public static void closeAll() {
        OPEN.forEach(WriterPool::close);
    }
}
