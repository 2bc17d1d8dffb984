package org.convscope.internal.gemm;

import java.util.Locale;
import java.util.Optional;
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
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

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
     * A GEMM for a {@code convscope.vector} setting ({@code auto}, {@code 512}, {@code 256},
     * {@code off}) and a thread count, without logging. For tests and benchmarks; the engine uses
     * {@link #defaultGemm()}.
     *
     * @param threads threads for the vector GEMM
     * @param vector {@code auto}, {@code 512}, {@code 256} or {@code off}
     * @return the GEMM
     */
    public static Gemm forSetting(String vector, int threads) { return choose(vector, threads).gemm; }

    /** A GEMM and the one line that explains the choice. */
    record Choice(Gemm gemm, String message) {}

    static Choice choose(String setting, int threads) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        if (s.equals("off") || s.equals("0")) {
            return scalar("convscope.vector=off: using the scalar GEMM (" + BlockedGemm.class.getSimpleName() + ")");
        }
        if (!s.equals("auto") && !s.equals("256") && !s.equals("512")) {
            throw new IllegalArgumentException("convscope.vector must be auto, 512, 256 or off, got '" + setting + "'");
        }
        String unavailable = whyVectorUnavailable();
        if (unavailable != null) {
            return scalar(unavailable + " Using the scalar GEMM; for the fast one pass '--add-modules " + VECTOR_MODULE + "'.");
        }
        try {
            int preferred = (int) vectorClass().getDeclaredMethod("preferredBits").invoke(null);
            int bits;
            if (s.equals("auto")) {
                if (preferred < 256) {
                    return scalar("The platform's preferred vector size is " + preferred
                            + " bits (< 256): using the scalar GEMM.");
                }
                bits = preferred >= 512 ? 512 : 256;
            } else {
                bits = Integer.parseInt(s);
            }
            Gemm g = (Gemm) vectorClass().getConstructor(int.class, int.class).newInstance(bits, threads);
            return new Choice(g, "Vector API GEMM: " + bits + "-bit species (preferred " + preferred + "), "
                    + threads + " thread(s), " + g.name());
        } catch (ReflectiveOperationException | LinkageError e) {
            return scalar("The Vector API GEMM could not be created (" + e + ").");
        }
    }

    private static Choice scalar(String why) { return new Choice(new BlockedGemm(), why); }

    /** Null when the Vector API module is present and readable, else the reason in one sentence. */
    private static String whyVectorUnavailable() {
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) return "The Java vector incubator module (" + VECTOR_MODULE + ") is not in the boot layer.";
        if (!Gemms.class.getModule().canRead(vector.get())) {
            return "The Java vector incubator module is not readable by " + Gemms.class.getModule() + ".";
        }
        return null;
    }

    private static Class<?> vectorClass() throws ClassNotFoundException {
        return Class.forName("org.convscope.internal.gemm.VectorGemm", true, Gemms.class.getClassLoader());
    }
}
