package org.convscope.internal.gemm;

import org.convscope.engine.EngineConfig;
import org.convscope.internal.engine.Engine;

/**
 * The engine's GEMM and parallel loops, as the calling thread's engine configuration says
 * ({@link org.convscope.engine.EngineConfig}: {@code vector=auto|off|256|512}, {@code threads}).
 * The process's configuration is read once and logged in one line by
 * {@link org.convscope.internal.engine.Engine}. Nothing here refers to a Vector API type:
 * {@link VectorGemm} is loaded by name only after the module check, so this class loads and works
 * without the module.
 */
public final class Gemms {

    private Gemms() {}

    /** {@return the GEMM of the calling thread's engine (the process's unless a configuration is bound)} */
    public static Gemm defaultGemm() { return Engine.current().gemm(); }

    /**
     * Whether the engine runs on the Vector API ({@link #defaultGemm()} is the vector GEMM): other
     * hot loops that need the Vector API (for example max pooling, which C2 does not turn into SIMD
     * code by itself) follow the same choice, so {@code -Dconvscope.vector=off} or a JVM without the
     * module switches them all to their scalar versions.
     *
     * @return true when the calling thread's engine runs the Vector API loops
     */
    public static boolean usesVectorApi() { return Engine.current().vector(); }

    /** A body over a range {@code [from, to)} of indices. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * Processes indices {@code [from, to)}.
         *
         * @param from first index
         * @param to end index (exclusive)
         */
        void run(int from, int to);
    }

    /**
     * Elementwise passes smaller than this many values (16 Ki, 64 KiB) run on the calling thread
     * alone. Lowered from 64 Ki: after a layer shared over the threads, half of a pass's input sits
     * in the other core's cache, so on two threads even a 29×29×128 ReLU ran 6.3 → 11.7 µs alone
     * once the pooling before it was shared (emotion model, benchmarks/NOTES.md).
     */
    public static final int PARALLEL_MIN = 1 << 14;

    /**
     * Runs {@code body} over {@code [0, n)} cut into ranges whose bounds are multiples of
     * {@code align} (a pixel's channels, say), shared over the engine's threads when {@code n} is at
     * least {@link #PARALLEL_MIN} (about 4 tasks per thread), on the calling thread otherwise.
     *
     * @param n the number of indices
     * @param align range bounds are multiples of this (&gt;= 1)
     * @param body what to run on each range
     */
    public static void parallelRange(int n, int align, RangeBody body) {
        int threads = n >= PARALLEL_MIN ? defaultGemm().threads() : 1;
        if (threads <= 1) {
            body.run(0, n);
            return;
        }
        int units = (n + align - 1) / align, tasks = Math.min(units, 4 * threads), per = (units + tasks - 1) / tasks;
        GemmPool.parallelFor(threads, (units + per - 1) / per, t -> body.run(Math.min(n, t * per * align), Math.min(n, (t + 1) * per * align)));
    }

    /**
     * Whether the calling thread is one of the engine's worker threads (where a parallel-for runs
     * its tasks inline).
     *
     * @return true on an engine worker thread
     */
    public static boolean onWorkerThread() { return GemmPool.onWorker(); }

    /**
     * Runs {@code body.accept(t)} for t = 0..tasks-1 on up to {@code threads} of the engine's
     * threads (the caller included; the same daemon pool as the GEMM, never the common pool) and
     * returns when all have finished; tasks are handed out one by one, so uneven tasks and busy
     * cores even out. For engine code that parallelises an outer loop itself and runs
     * {@link Gemm#singleThreaded()} GEMMs inside; the first exception of a task is rethrown.
     *
     * @param threads the most threads to use, e.g. {@link Gemm#threads()} of the engine's GEMM
     * @param tasks number of tasks
     * @param body the task, given its index
     */
    public static void parallelFor(int threads, int tasks, java.util.function.IntConsumer body) {
        GemmPool.parallelFor(threads, tasks, body);
    }

    /**
     * The GEMM for a resolved vector width: the scalar {@link BlockedGemm} for 0, else the Vector
     * API GEMM of that width (the caller has checked that the module is readable).
     *
     * @param bits 0, 256 or 512
     * @param threads threads of the vector GEMM
     * @return the GEMM
     */
    public static Gemm forBits(int bits, int threads) {
        if (bits == 0) return new BlockedGemm();
        try {
            return (Gemm) vectorClass().getConstructor(int.class, int.class).newInstance(bits, threads);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the Vector API GEMM (" + bits + "-bit) could not be created: " + e, e);
        }
    }

    /**
     * A GEMM for a {@code convscope.vector} setting ({@code auto}, {@code off}, {@code 256},
     * {@code 512}) and a thread count, resolved as the engine resolves it ({@link Engine#resolve}),
     * without logging. For tests and benchmarks; the engine uses {@link #defaultGemm()}.
     *
     * @param threads threads for the vector GEMM
     * @param vector {@code auto}, {@code off}, {@code 256} or {@code 512}
     * @return the GEMM
     * @throws IllegalArgumentException naming the setting and the accepted values
     */
    public static Gemm forSetting(String vector, int threads) {
        EngineConfig.Vector v = EngineConfig.fromMap(java.util.Map.of(EngineConfig.PREFIX + "vector", vector)).vector();
        return forBits(Engine.resolve(v).bits(), threads);
    }

    private static Class<?> vectorClass() throws ClassNotFoundException {
        return Class.forName("org.convscope.internal.gemm.VectorGemm", true, Gemms.class.getClassLoader());
    }
}
