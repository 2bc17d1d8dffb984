package org.convscope.tensor;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The float arrays of one forward pass's tensors, recycled: a layer's output array comes from the
 * arena, and once the graph has run the output's last reader it gives the array back, so the next
 * layer (or the next call) of the same size reuses it instead of asking the JVM for a new,
 * zero-filled one. Only the tensors a caller asked for leave the arena for good.
 *
 * <p><b>How layers use it.</b> A layer allocates its output with {@link #uninitialized} when it
 * writes every value, or {@link #zeros} when it relies on zeros (a scatter, padding). Both work
 * with or without an arena: outside one (a layer called directly, a gradient pass) they are plain
 * {@code new float[n]}. Inside {@link #run} (or between {@link #bind} and {@link #unbind}, which
 * {@link org.convscope.graph.Graph} uses for every forward pass), {@code uninitialized} may return a
 * recycled array holding an earlier layer's values.
 *
 * <p><b>Scope and threads.</b> The arena of a call is bound to the thread that runs the call (a
 * thread-local value, restored when the call ends): the GEMM's tasks on other threads never see
 * it (they allocate nothing that outlives their task), and when a batch is split over threads each
 * part runs as its own call with its own arena, so an arena is only ever touched by one thread and
 * needs no locks. Concurrent callers each run with their own arena
 * ({@code Graph} keeps a pool of them and hands each call a different one).
 *
 * <p><b>Ownership.</b> The arena only recycles arrays it {@linkplain #uninitialized issued} during
 * the current call; an input the caller fed, a layer's weights, or an array from another arena are
 * never touched. {@link #endCall} forgets what was issued, so tensors returned to the caller are
 * theirs for good; the free lists are kept for the next call, up to a byte budget
 * ({@code -Dconvscope.arena.maxMiB}, default a quarter of the maximum heap), past which arrays
 * given back are left to the garbage collector.
 *
 * <p><b>Testing.</b> {@code -Dconvscope.arena.poison=true} (or {@link #poisoning}) fills every
 * recycled array with NaN before handing it out, so a layer that reads an output value it has not
 * written produces NaN instead of a plausible stale number.
 */
public final class ActivationArena {
    // the arena of the calling thread's forward pass; a ThreadLocal set and restored around each
    // call (a ScopedValue binding allocated a carrier and a callable per call)
    private static final ThreadLocal<ActivationArena> CURRENT = new ThreadLocal<>();

    // free lists by array length: a model has a few dozen distinct sizes, found by a linear scan
    // (a Map<Integer, ..> boxed every length above 127 on every take and give-back)
    private int[] freeLengths = new int[16];
    @SuppressWarnings("unchecked")
    private ArrayDeque<float[]>[] freeLists = new ArrayDeque[16];
    private int sizes;
    private final Set<float[]> issued = Collections.newSetFromMap(new IdentityHashMap<>());
    private final long maxFreeBytes;
    private final boolean poison;
    private long freeBytes;
    private long reused, allocated;

    /** An arena with the default budget and poisoning setting. */
    public ActivationArena() { this(defaultBudget(), org.convscope.internal.engine.Engine.current().config().arenaPoison()); }

    private ActivationArena(long maxFreeBytes, boolean poison) {
        if (maxFreeBytes < 0) throw new IllegalArgumentException("ActivationArena: budget must be >= 0 bytes, got " + maxFreeBytes);
        this.maxFreeBytes = maxFreeBytes;
        this.poison = poison;
    }

    /**
     * An arena that fills every recycled array with NaN before handing it out (for tests).
     *
     * @return a poisoning arena with the default budget
     */
    public static ActivationArena poisoning() { return new ActivationArena(defaultBudget(), true); }

    private static long defaultBudget() {
        long mib = org.convscope.internal.engine.Engine.current().config().arenaMaxMiB();
        return mib > 0 ? mib << 20 : Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * Runs {@code body} with this arena bound to the calling thread.
     *
     * @param body what to run (a forward pass)
     * @param <T> the result type
     * @return what {@code body} returns
     * @throws Exception what {@code body} throws
     */
    public <T> T run(Callable<T> body) throws Exception {
        ActivationArena previous = bind();
        try {
            return body.call();
        } finally {
            unbind(previous);
        }
    }

    /**
     * Binds this arena to the calling thread until {@link #unbind}: the allocation-free form of
     * {@link #run}, for a caller that restores the binding in a {@code finally} block.
     *
     * @return the arena bound before (null for none), to hand to {@link #unbind}
     */
    public ActivationArena bind() {
        ActivationArena previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /**
     * Ends a {@link #bind}: binds {@code previous} again.
     *
     * @param previous what {@link #bind} returned
     */
    public void unbind(ActivationArena previous) { CURRENT.set(previous); }

    /**
     * A soft reference to this arena, made once, for a pool that keeps idle arenas softly (the
     * garbage collector may then drop them and their buffers) without a new reference per call.
     *
     * @return the same soft reference on every call
     */
    public SoftReference<ActivationArena> softReference() {
        SoftReference<ActivationArena> r = soft;
        if (r == null) soft = r = new SoftReference<>(this);
        return r;
    }

    private SoftReference<ActivationArena> soft;

    /** {@return the arena bound to the calling thread, or null outside {@link #run}} */
    public static ActivationArena current() { return CURRENT.get(); }

    // ---- for layers ------------------------------------------------------------------------------

    /**
     * An array of {@code n} floats whose contents are unspecified (a recycled array inside an
     * arena; zeros outside one): for an output the caller overwrites completely.
     *
     * @param n the length
     * @return the array
     */
    public static float[] floats(int n) {
        ActivationArena a = current();
        return a == null ? new float[n] : a.take(n);
    }

    /**
     * A tensor of this shape whose values are unspecified (see {@link #floats}).
     *
     * @param shape the shape, batch first
     * @return the tensor
     */
    public static Tensor uninitialized(int... shape) {
        return Tensor.of(floats(Math.toIntExact(Shapes.size(shape))), shape);
    }

    /**
     * A zero-filled tensor of this shape, recycled inside an arena.
     *
     * @param shape the shape, batch first
     * @return the tensor
     */
    public static Tensor zeros(int... shape) {
        ActivationArena a = current();
        if (a == null) return Tensor.zeros(shape);
        float[] d = a.take(Math.toIntExact(Shapes.size(shape)));
        Arrays.fill(d, 0f);
        return Tensor.of(d, shape);
    }

    /**
     * Gives back a temporary array the caller took with {@link #floats} and no longer reads (a
     * layer's internal intermediate, such as a separable convolution's depthwise output). Does
     * nothing outside an arena, or for an array the current arena did not issue.
     *
     * @param array the array; the caller must not read or write it afterwards
     */
    public static void giveBack(float[] array) {
        ActivationArena a = current();
        if (a != null) a.recycle(array);
    }

    // ---- for the graph ---------------------------------------------------------------------------

    /**
     * Whether this arena issued {@code array} during the current call (and has not had it back).
     *
     * @param array an array
     * @return true when it is one of this call's arrays
     */
    public boolean issued(float[] array) { return issued.contains(array); }

    /**
     * Puts an array this arena issued back on its free list; nothing happens for any other array.
     * The caller guarantees that nobody reads it any more.
     *
     * @param array the array
     */
    public void recycle(float[] array) {
        if (array == null || !issued.remove(array)) return;
        long bytes = 4L * array.length;
        if (freeBytes + bytes > maxFreeBytes) return;
        freeList(array.length, true).push(array);
        freeBytes += bytes;
    }

    /**
     * Ends a call: the arrays issued and not given back (the tensors handed to the caller, and any
     * a failed call left behind) now belong to whoever holds them. Free lists stay for the next call.
     */
    public void endCall() { issued.clear(); }

    /** {@return bytes held on the free lists} */
    public long freeBytes() { return freeBytes; }

    /** {@return arrays handed out from a free list since this arena was made} */
    public long reusedCount() { return reused; }

    /** {@return arrays newly allocated by this arena since it was made} */
    public long allocatedCount() { return allocated; }

    private float[] take(int n) {
        ArrayDeque<float[]> list = freeList(n, false);
        float[] a = list == null ? null : list.poll();
        if (a == null) {
            a = new float[n];
            allocated++;
        } else {
            freeBytes -= 4L * n;
            reused++;
            if (poison) Arrays.fill(a, Float.NaN);
        }
        issued.add(a);
        return a;
    }

    /** The free list of arrays of length {@code n}; null when there is none and {@code make} is false. */
    private ArrayDeque<float[]> freeList(int n, boolean make) {
        int empty = -1;
        for (int i = 0; i < sizes; i++) {
            if (freeLengths[i] == n) return freeLists[i];
            if (empty < 0 && freeLists[i].isEmpty()) empty = i;
        }
        if (!make) return null;
        if (empty >= 0) {                       // reuse the slot of a length with nothing free (sizes stay few)
            freeLengths[empty] = n;
            return freeLists[empty];
        }
        if (sizes == freeLengths.length) {
            freeLengths = Arrays.copyOf(freeLengths, 2 * sizes);
            freeLists = Arrays.copyOf(freeLists, 2 * sizes);
        }
        freeLengths[sizes] = n;
        return freeLists[sizes++] = new ArrayDeque<>();
    }
}
