package org.vemseg.core.concurrent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vemseg.core.VemsegException;

/**
 * Worker threads for work that streams through memory in bounded pieces: items are read (or prepared) on the
 * workers a fixed number ahead of the calling thread, which computes on them, and the results are written
 * behind it, in order, through a bounded queue. Whatever the number of items, only a few are in memory.
 *
 * <p>The first failure of any stage reaches the calling thread as the exception the stage threw (a checked one
 * wrapped in {@link VemsegException}), never as an {@link ExecutionException}; an interrupt of the calling
 * thread ends the work with a {@link VemsegException} and keeps the thread's interrupt status. {@link #close()}
 * stops the workers and waits for them (they run in a {@link WriterPool}, which Ctrl-C's cleanup also stops),
 * so no worker writes on after the caller has cleaned up a failed output.
 */
public final class BoundedPipeline implements AutoCloseable {

    /** How often a blocked hand-over checks whether the other side failed. */
    private static final long POLL_MILLIS = 100;
    private static final Object END = new Object();

    private final WriterPool pool;
    private final String task;

    private BoundedPipeline(WriterPool pool, String task) {
        this.pool = pool;
        this.task = task;
    }

    /**
     * {@code threads} daemon workers called {@code name}. {@code task} says what they do, for the message of an
     * interrupt ("interrupted while {@code task}").
     */
    public static BoundedPipeline start(int threads, String name, String task) {
        return new BoundedPipeline(WriterPool.start(threads, name), task);
    }

    /**
     * {@code fn} applied to each item on the workers, the results in the items' order. Lazy: work starts with the
     * first {@code hasNext()} or {@code next()}; then up to {@code ahead} items are in work while the caller holds
     * the one it took, so at most {@code ahead + 1} results are in memory.
     */
    public <T, R> Iterator<R> map(Iterator<? extends T> items, int ahead, Function<? super T, ? extends R> fn) {
        return new Ahead<>(items, ahead, fn);
    }

    /**
     * An endless sequence of {@code produce} results, made on the workers {@code ahead} in advance (see
     * {@link #map}).
     */
    public <R> Iterator<R> generate(int ahead, Supplier<? extends R> produce) {
        Iterator<Object> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                return END;
            }
        };
        return map(endless, ahead, unused -> produce.get());
    }

    /** Runs {@code work} on every item on the workers, {@code ahead} at a time, and returns when all are done. */
    public <T> void forEach(Iterable<? extends T> items, int ahead, Consumer<? super T> work) {
        Iterator<Object> done = map(items.iterator(), ahead, item -> {
            work.accept(item);
            return END;
        });
        while (done.hasNext()) {
            done.next();
        }
    }

    /**
     * A worker that passes the items it is given to {@code write}, one at a time in the order given, with at most
     * {@code capacity} waiting. Takes one worker thread until {@link WriteBehind#finish()} or {@link #close()}.
     */
    public <R> WriteBehind<R> writeBehind(int capacity, Consumer<? super R> write) {
        return new WriteBehind<>(capacity, write);
    }

    /**
     * Read → compute → write: each item is read on a worker ({@code ahead} in advance, in order), computed on the
     * calling thread, and written behind it in order (at most one result waiting). Needs two worker threads, one
     * of which stays the writer. Returns when the last result is written.
     */
    public <T, I, R> void run(Iterable<? extends T> items, int ahead, Function<? super T, ? extends I> read,
            Function<? super I, ? extends R> compute, Consumer<? super R> write) {
        WriteBehind<R> writer = writeBehind(1, write); // first, so that the reads never take its thread
        for (Iterator<? extends I> inputs = map(items.iterator(), ahead, read); inputs.hasNext();) {
            writer.put(compute.apply(inputs.next()));
        }
        writer.finish();
    }

    /** The result of {@code f}, or the exception its task threw. */
    private <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VemsegException("interrupted while " + task);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new VemsegException(task + " failed: " + c, c);
        }
    }

    /** Stops the workers (interrupting them) and waits for them to end. */
    @Override
    public void close() {
        pool.close();
    }

    /** Results of work started ahead of the caller, in order. */
    private final class Ahead<T, R> implements Iterator<R> {
        private final Iterator<? extends T> items;
        private final int ahead;
        private final Function<? super T, ? extends R> fn;
        private final Deque<Future<R>> inWork = new ArrayDeque<>();

        Ahead(Iterator<? extends T> items, int ahead, Function<? super T, ? extends R> fn) {
            if (ahead < 1) {
                throw new IllegalArgumentException("at least one item must be worked on ahead, was " + ahead);
            }
            this.items = items;
            this.ahead = ahead;
            this.fn = fn;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !inWork.isEmpty();
        }

        @Override
        public R next() {
            fill();
            if (inWork.isEmpty()) {
                throw new NoSuchElementException();
            }
            R r = await(inWork.poll());
            fill();
            return r;
        }

        private void fill() {
            while (inWork.size() < ahead && items.hasNext()) {
                T item = items.next();
                inWork.add(pool.<R>submit(() -> fn.apply(item)));
            }
        }
    }

    /** The write-behind stage: a bounded queue and the worker draining it. */
    public final class WriteBehind<R> {
        private final BlockingQueue<Object> queue;
        private final Future<?> writer;

        private WriteBehind(int capacity, Consumer<? super R> write) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.writer = pool.submit(() -> {
                for (Object o = queue.take(); o != END; o = queue.take()) {
                    @SuppressWarnings("unchecked")
                    R item = (R) o;
                    write.accept(item);
                }
                return null;
            });
        }

        /**
         * Queues {@code item}, waiting while the queue is full; rethrows the writer's failure instead of waiting
         * on.
         */
        public void put(R item) {
            offer(item);
        }

        /** Returns once everything queued is written. */
        public void finish() {
            offer(END);
            await(writer);
        }

        private void offer(Object item) {
            try {
                while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (writer.isDone()) {
                        await(writer);
                        throw new IllegalStateException("the writer stopped before the end");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VemsegException("interrupted while " + task);
            }
        }
    }
}
