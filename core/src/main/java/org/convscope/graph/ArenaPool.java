package org.convscope.graph;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.convscope.tensor.ActivationArena;

/**
 * A graph's {@link ActivationArena}s between calls: each call takes one (a new one when every
 * arena is in use, so concurrent callers never share one) and gives it back when it ends, keeping
 * its free lists warm for the next call. The pool holds its arenas through soft references, so the
 * garbage collector may drop their buffers under memory pressure, and it keeps at most
 * {@link #MAX_IDLE} idle arenas. {@code -Dconvscope.arena=off} turns recycling off (every call
 * allocates its outputs afresh, as before).
 */
final class ArenaPool {
    /** Whether forward passes recycle activation buffers ({@code -Dconvscope.arena}, default on). */
    static final boolean ENABLED = !"off".equalsIgnoreCase(System.getProperty("convscope.arena", "on"));
    /** Idle arenas kept: one per core is enough for callers that keep every core busy. */
    static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final ConcurrentLinkedDeque<SoftReference<ActivationArena>> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** {@return an arena no other call is using} */
    ActivationArena take() {
        SoftReference<ActivationArena> ref;
        while ((ref = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            ActivationArena a = ref.get();
            if (a != null) return a;
        }
        return new ActivationArena();
    }

    /** {@return the idle arenas not yet cleared by the garbage collector, most recently used first (for tests)} */
    java.util.List<ActivationArena> idleArenas() {
        java.util.List<ActivationArena> out = new java.util.ArrayList<>();
        for (SoftReference<ActivationArena> r : idle) if (r.get() != null) out.add(r.get());
        return out;
    }

    /** Returns an arena after its call has ended ({@link ActivationArena#endCall}). */
    void give(ActivationArena arena) {
        if (idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            return;
        }
        idle.offerFirst(new SoftReference<>(arena));
    }
}
