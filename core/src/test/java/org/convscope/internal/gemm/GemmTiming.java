package org.convscope.internal.gemm;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;

/**
 * A quick GEMM timing main (not a test): one thread, the calling thread's CPU time (so time spent
 * waiting for a core on a loaded machine does not count), best of N calls after warm-up, GFLOP/s,
 * and a hash of C's bits so that two builds can be checked to give the same results bit for bit.
 *
 * <pre>
 * . scripts/jdk.sh && mvn -B -q -o -pl core test-compile
 * java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes \
 *      org.convscope.internal.gemm.GemmTiming 512 15 [MxNxK ...]
 * </pre>
 * Square shapes pack B on every call (a BLAS call); the others use B packed once (a conv kernel).
 * With no shapes: 512³, 768³, 1024³ and the conv-shaped products of benchmarks/NOTES.md round 4.
 */
public final class GemmTiming {
    static final String[] DEFAULT = {"512x512x512", "768x768x768", "1024x1024x1024",
            "4096x64x576", "2304x24x144", "4096x7x576", "16384x128x1152", "65536x32x27"};

    private GemmTiming() {}

    public static void main(String[] args) {
        int bits = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        String[] shapes = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length) : DEFAULT;
        Gemm gemm = new VectorGemm(bits, 1);
        for (String s : shapes) System.out.println(time(gemm, s, reps));
    }

    /** One line: shape, GFLOP/s (best), ms (best, median), hash of C. */
    static String time(Gemm gemm, String shape, int reps) {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]);
        Random rnd = new Random(m * 31L + n * 7L + k);
        float[] a = random(rnd, m * k), bd = random(rnd, k * n), c = new float[m * n];
        DenseMatrix am = DenseMatrix.of(a, m, k), bm = DenseMatrix.of(bd, k, n);
        MatrixB b = m == n && n == k ? bm : gemm.prepackForManyRows(bm);
        double flops = 2.0 * m * n * k;
        int warm = Math.max(3, (int) Math.min(40, 3e9 / flops));
        // and at least 2 s: on a loaded machine C2 may compile the kernel seconds into a run
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < warm || System.nanoTime() < warmEnd; i++) gemm.multiply(m, n, k, am, b, c, 0, n, Epilogue.NONE);
        long[] t = new long[reps];
        int inner = (int) Math.max(1, Math.min(50, 2e8 / flops));   // several calls per sample for tiny products
        for (int r = 0; r < reps; r++) {
            long t0 = cpuNanos();
            for (int i = 0; i < inner; i++) gemm.multiply(m, n, k, am, b, c, 0, n, Epilogue.NONE);
            t[r] = (cpuNanos() - t0) / inner;
        }
        Arrays.sort(t);
        return String.format("%-16s %-22s %7.1f GFLOP/s  best %8.3f ms  median %8.3f ms  hash %08x",
                shape, gemm.name() + "/" + gemm.microKernel(n), flops / t[0], t[0] / 1e6, t[reps / 2] / 1e6, Arrays.hashCode(c));
    }

    private static final Object MX;
    private static final Method CPU;
    static {
        // java.management by reflection: core's module does not read it (the tests compile inside
        // the module, and run on the class path, where this works)
        try {
            MX = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            CPU = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The calling thread's CPU time in ns. */
    public static long cpuNanos() {
        try {
            return (Long) CPU.invoke(MX);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = rnd.nextFloat() * 2 - 1;
        return x;
    }
}
