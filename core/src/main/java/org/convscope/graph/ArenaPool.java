package org.convscope.graph;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
    /** {@return whether forward passes recycle activation buffers (the engine configuration's {@code arena}, default on)} */
    static boolean enabled() { return org.convscope.internal.engine.Engine.current().config().arena(); }
    /** Idle arenas kept: one per core is enough for callers that keep every core busy. */
    static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());

    // idle arenas, softly held, in a fixed set of slots: a call takes one and gives it back
    // without allocating (a deque made a node and a soft reference per call)
    private final AtomicReferenceArray<SoftReference<ActivationArena>> idle = new AtomicReferenceArray<>(MAX_IDLE);

    /** {@return an arena no other call is using} */
    ActivationArena take() {
        for (int i = 0; i < MAX_IDLE; i++) {
            SoftReference<ActivationArena> ref = idle.get(i);
            if (ref != null && idle.compareAndSet(i, ref, null)) {
                ActivationArena a = ref.get();
                if (a != null) return a;                    // else the collector dropped it: look on
            }
        }
        return new ActivationArena();
    }

    /** {@return the idle arenas not yet cleared by the garbage collector (for tests)} */
    java.util.List<ActivationArena> idleArenas() {
        java.util.List<ActivationArena> out = new java.util.ArrayList<>();
        for (int i = 0; i < MAX_IDLE; i++) {
            SoftReference<ActivationArena> r = idle.get(i);
            if (r != null && r.get() != null) out.add(r.get());
        }
        return out;
    }

    /** Returns an arena after its call has ended ({@link ActivationArena#endCall}); dropped when every slot is taken. */
    void give(ActivationArena arena) {
        SoftReference<ActivationArena> ref = arena.softReference();
        for (int i = 0; i < MAX_IDLE; i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, ref)) return;
        }
    }
}
