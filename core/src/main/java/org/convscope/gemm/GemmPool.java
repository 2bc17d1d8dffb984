package org.convscope.gemm;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The engine's own worker threads for GEMM (daemon threads named {@code convscope-gemm-N}, never
 * the common ForkJoin pool), and a parallel-for over them.
 *
 * <p>A parallel-for hands out task indices through one atomic counter: the calling thread works
 * too, and helpers that start late (the machine is busy) simply find nothing left, so a call never
 * waits for a thread that has not started and finishes even if no helper ever runs. Dynamic hand-out
 * also evens out cores that other processes slow down.
 */
final class GemmPool {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ThreadFactory FACTORY = r -> {
        Thread t = new Thread(r, "convscope-gemm-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    };
    private static ThreadPoolExecutor pool;

    private GemmPool() {}

    /** Threads the engine uses: {@code -Dconvscope.threads}, default the available processors. */
    static int configuredThreads() {
        int n = Integer.getInteger("convscope.threads", Runtime.getRuntime().availableProcessors());
        return Math.max(1, n);
    }

    /** The shared pool, grown to at least {@code helpers} threads. */
    private static synchronized ThreadPoolExecutor helpers(int helpers) {
        if (pool == null) {
            pool = new ThreadPoolExecutor(helpers, helpers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), FACTORY);
        } else if (pool.getMaximumPoolSize() < helpers) {
            pool.setMaximumPoolSize(helpers);
            pool.setCorePoolSize(helpers);
        }
        return pool;
    }

    /**
     * Runs {@code body.accept(t)} for t = 0..tasks-1 on up to {@code threads} threads (the caller
     * included) and returns when all have finished. The first exception thrown by a task is
     * rethrown here after every task has finished.
     */
    static void parallelFor(int threads, int tasks, IntConsumer body) {
        if (threads <= 1 || tasks <= 1) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        Job job = new Job(tasks, body, Thread.currentThread());
        int helpers = Math.min(threads - 1, tasks - 1);
        ThreadPoolExecutor executor = helpers(threads - 1);
        for (int h = 0; h < helpers; h++) executor.execute(job);
        job.run();
        job.awaitAll();
        Throwable e = job.error;
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
    }

    /** One parallel-for: a task counter shared by the threads working on it. */
    private static final class Job implements Runnable {
        private final int tasks;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable error;

        Job(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        @Override
        public void run() {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    if (error == null) error = e;
                } finally {
                    if (done.incrementAndGet() == tasks) LockSupport.unpark(caller);
                }
            }
        }

        /** Called by the caller after it ran out of tasks: spin briefly, then park until the last finishes. */
        void awaitAll() {
            for (int spin = 0; spin < 2000 && done.get() < tasks; spin++) Thread.onSpinWait();
            while (done.get() < tasks) LockSupport.park(this);
        }
    }
}
