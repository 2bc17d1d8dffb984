package org.convscope.internal.gemm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.engine.Engine;

/**
 * The engine's own worker threads (daemon threads named {@code convscope-gemm-N}, never the common
 * ForkJoin pool), and a parallel-for over them.
 *
 * <p>A parallel-for hands out task indices through one atomic counter: the calling thread works
 * too, and helpers that start late (the machine is busy) simply find nothing left, so a call never
 * waits for a thread that has not started and finishes even if no helper ever runs. Dynamic hand-out
 * also evens out cores that other processes slow down.
 *
 * <p><b>Waking helpers fast.</b> A forward pass of a small model is dozens of parallel-fors of
 * 20–200 µs each; waking a parked thread costs tens of microseconds, which made a 64×64 model
 * slower on two threads than on one. So each worker has a one-slot mailbox and, after finishing
 * a job, spins on it for {@link #SPIN_NANOS} (calling {@link Thread#onSpinWait}) before parking; a
 * parallel-for drops its job into the mailboxes of idle workers and unparks only those that parked.
 * A busy worker's mailbox is full, so its job is not offered there: the caller and the other
 * helpers do the work (two callers at once never wait for each other's helpers).
 *
 * <p>A parallel-for called from a worker thread (nested parallelism, for example the images of a
 * batch shared out over the workers) runs its tasks inline.
 */
final class GemmPool {
    /** How long an idle worker spins before parking: {@code spinMicros} of the process's configuration, default 200 µs. */
    static final long SPIN_NANOS = 1000L * EngineConfig.global().spinMicros();

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final List<Worker> WORKERS = new ArrayList<>();   // guarded by the class lock
    private static volatile Worker[] workers = new Worker[0];

    private GemmPool() {}

    /** Whether the calling thread is a worker. */
    static boolean onWorker() { return Thread.currentThread() instanceof Worker; }

    /** The workers, grown to at least {@code helpers} threads. */
    private static Worker[] helpers(int helpers) {
        Worker[] w = workers;
        if (w.length >= helpers) return w;
        synchronized (GemmPool.class) {
            while (WORKERS.size() < helpers) {
                Worker worker = new Worker();
                worker.start();
                WORKERS.add(worker);
            }
            workers = w = WORKERS.toArray(Worker[]::new);
        }
        return w;
    }

    /**
     * Runs {@code body.accept(t)} for t = 0..tasks-1 on up to {@code threads} threads (the caller
     * included) and returns when all have finished. The first exception thrown by a task is
     * rethrown here after every task has finished.
     */
    static void parallelFor(int threads, int tasks, IntConsumer body) {
        if (threads <= 1 || tasks <= 1 || Thread.currentThread() instanceof Worker) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        Job job = new Job(tasks, body, Thread.currentThread());
        int wanted = Math.min(threads - 1, tasks - 1);
        Worker[] pool = helpers(threads - 1);
        for (int h = 0, offered = 0; h < pool.length && offered < wanted; h++) {
            if (pool[h].offer(job)) offered++;
        }
        job.run();
        job.awaitAll();
        Throwable e = job.error;
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
    }

    /** A helper thread: takes jobs from its mailbox, spins a while when idle, then parks. */
    private static final class Worker extends Thread {
        private final AtomicReference<Job> mailbox = new AtomicReference<>();
        private volatile boolean parked;

        Worker() {
            super("convscope-gemm-" + THREAD_NUMBER.incrementAndGet());
            setDaemon(true);
        }

        /** Hands {@code job} to this worker unless it already has one waiting. */
        boolean offer(Job job) {
            if (!mailbox.compareAndSet(null, job)) return false;
            if (parked) LockSupport.unpark(this);
            return true;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job job = mailbox.get();
                if (job != null) {
                    job.run();
                    mailbox.set(null);          // only now may the next job be offered
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;              // an offer after this line sees it and unparks us
                    if (mailbox.get() == null) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /** One parallel-for: a task counter shared by the threads working on it. */
    private static final class Job implements Runnable {
        private final int tasks;
        private final IntConsumer body;
        private final Thread caller;
        private final Engine engine;            // the caller's bound engine: tasks run under it
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable error;

        Job(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
            this.engine = Engine.bound();
        }

        @Override
        public void run() {
            Engine previous = caller == Thread.currentThread() ? null : Engine.bind(engine);
            try {
                runTasks();
            } finally {
                if (caller != Thread.currentThread()) Engine.unbind(previous);
            }
        }

        private void runTasks() {
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
            for (int spin = 0; spin < 20_000 && done.get() < tasks; spin++) Thread.onSpinWait();
            while (done.get() < tasks) LockSupport.park(this);
        }
    }
}
