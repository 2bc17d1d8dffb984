package org.convscope.internal.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.convscope.activation.ElementwiseActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GEMM against a naive triple loop accumulated in double, on random sizes and on sizes around
 * each blocking boundary of that GEMM (MR±1, NR±1, KC±1, MC±1, NC±1, 1, 0), with ldc &gt; n, an
 * offset into C, a bias + ReLU epilogue, pre-packed B, and 1 and 2 threads.
 */
class GemmTest {
    private static final float GUARD = -12345.5f;

    static Stream<Gemm> gemms() {
        return Stream.of(new BlockedGemm(),
                new VectorGemm(512, 1), new VectorGemm(512, 2),
                new VectorGemm(256, 1), new VectorGemm(256, 2));
    }

    /** Sizes probing every boundary of this GEMM's blocking, one dimension at a time. */
    private static List<int[]> boundaryCases(Gemm g) {
        int mr, nr, kc, mc, nc;
        if (g instanceof VectorGemm v) {
            BlockSizes b = v.vectorBits() == 512 ? BlockSizes.AVX512 : BlockSizes.AVX2;
            mr = b.mr(); nr = b.nr(); kc = b.kc(); mc = b.mc(); nc = b.nc();
        } else {
            mr = BlockedGemm.MR; nr = BlockedGemm.NR; kc = BlockedGemm.KC; mc = BlockedGemm.MC; nc = BlockedGemm.NC;
        }
        Set<List<Integer>> cases = new LinkedHashSet<>();
        int[] small = {0, 1, 2, 3};
        for (int m : small) for (int n : small) for (int k : small) cases.add(List.of(m, n, k));
        for (int d = -1; d <= 1; d++) {
            cases.add(List.of(mr + d, nr, 7));
            cases.add(List.of(2 * mr + d, 2 * nr + d, 9));
            cases.add(List.of(5, nr + d, 5));
            cases.add(List.of(mr + 1, nr + 1, kc + d));            // one and two k-blocks
            cases.add(List.of(3, 5, 2 * kc + d));
            cases.add(List.of(mc + d, nr + 3, 11));                // one and two IC blocks
            cases.add(List.of(2 * mc + d, 2 * nr - 1, kc + 5));
            cases.add(List.of(5, nc + d, 13));                     // one and two JC panels
        }
        // B too big to pack whole: the per-(JC, PC) panel schedule, across its NC and KC boundaries
        int bigK = VectorGemm.WHOLE_B_LIMIT / nc + kc / 2;
        cases.add(List.of(mr + 5, nc + 1, bigK));
        cases.add(List.of(2 * mr - 1, nc - 1, bigK + kc));
        cases.add(List.of(1, nc + nr, bigK));
        List<int[]> out = new ArrayList<>();
        for (List<Integer> c : cases) if (c.get(0) >= 0 && c.get(1) >= 0 && c.get(2) >= 0) out.add(new int[]{c.get(0), c.get(1), c.get(2)});
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gemms")
    void boundarySizesMatchTheNaiveProduct(Gemm gemm) {
        Random rnd = new Random(42);
        for (int[] s : boundaryCases(gemm)) check(gemm, s[0], s[1], s[2], rnd, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gemms")
    void randomSizesMatchTheNaiveProduct(Gemm gemm) {
        Random rnd = new Random(7);
        for (int t = 0; t < 25; t++) {
            check(gemm, 1 + rnd.nextInt(150), 1 + rnd.nextInt(150), 1 + rnd.nextInt(300), rnd, rnd.nextBoolean());
        }
        check(gemm, 300, 96, 1152, rnd, true);   // a conv-like shape, several IC blocks and k-blocks
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gemms")
    void prepackedBMatchesAndOtherPanelWidthsStillWork(Gemm gemm) {
        Random rnd = new Random(3);
        int[][] sizes = {{37, 70, 29}, {131, 33, 800}, {5, 1, 3}, {200, 128, 27}};
        for (int[] s : sizes) {
            check(gemm, s[0], s[1], s[2], rnd, true);
            // B packed for another panel width than this GEMM's: must fall back to repacking
            float[] bData = random(rnd, s[2] * s[1]);
            MatrixB foreign = PackedMatrixB.pack(DenseMatrix.of(bData, s[2], s[1]), 5);
            checkWith(gemm, s[0], s[1], s[2], rnd, DenseMatrix.of(bData, s[2], s[1]), foreign);
        }
    }

    /**
     * Narrow products: at most 16 columns wide, for many rows the 512-bit GEMM packs their B in 16-wide
     * panels and runs the 12×16 kernel; 17 to 24 columns wide, the 256-bit GEMM packs B 24 wide and runs
     * the 4×24 kernel (edge tiles, several k-blocks, several IC blocks, bias + ReLU), on 48 rows or more
     * unpacked too; a narrow B packed 32 wide still runs, on the wide kernel.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gemms")
    void narrowProductsMatchTheNaiveProduct(Gemm gemm) {
        Random rnd = new Random(16);
        int[][] sizes = {{64, 7, 2304}, {1, 1, 1}, {13, 16, 40}, {250, 9, 1600}, {48, 15, 769}, {300, 3, 5},
                {64, 24, 2304}, {250, 17, 1600}, {49, 20, 385}, {301, 23, 144}, {47, 24, 30}, {145, 24, 390}};
        for (int[] s : sizes) {
            float[] bData = random(rnd, s[2] * s[1]);
            DenseMatrix b = DenseMatrix.of(bData, s[2], s[1]);
            checkWith(gemm, s[0], s[1], s[2], rnd, b, gemm.prepackForManyRows(b));
            checkWith(gemm, s[0], s[1], s[2], rnd, b, gemm.prepack(b));
            checkWith(gemm, s[0], s[1], s[2], rnd, b, b);
            checkWith(gemm, s[0], s[1], s[2], rnd, b, PackedMatrixB.pack(b, 32));
        }
        for (int t = 0; t < 20; t++) check(gemm, 1 + rnd.nextInt(100), 1 + rnd.nextInt(24), 1 + rnd.nextInt(900), rnd, rnd.nextBoolean());
        if (gemm instanceof VectorGemm v && v.vectorBits() == 512) {
            DenseMatrix seven = DenseMatrix.of(new float[3 * 7], 3, 7);
            assertEquals(16, assertInstanceOf(PackedMatrixB.class, gemm.prepackForManyRows(seven)).nr(),
                    "a 7-column B for many rows is packed for the narrow kernel");
            assertEquals(32, assertInstanceOf(PackedMatrixB.class, gemm.prepack(seven)).nr(),
                    "a 7-column B for any rows (a dense layer) is packed for the wide kernel");
            assertEquals(32, assertInstanceOf(PackedMatrixB.class, gemm.prepackForManyRows(DenseMatrix.of(new float[3 * 17], 3, 17))).nr(),
                    "a 17-column B is packed for the wide kernel");
        }
        if (gemm instanceof VectorGemm v && v.vectorBits() == 256) {
            assertEquals(24, assertInstanceOf(PackedMatrixB.class, gemm.prepackForManyRows(DenseMatrix.of(new float[3 * 24], 3, 24))).nr(),
                    "a 24-column B for many rows is packed for the 4x24 kernel");
            assertEquals(16, assertInstanceOf(PackedMatrixB.class, gemm.prepackForManyRows(DenseMatrix.of(new float[3 * 16], 3, 16))).nr(),
                    "a 16-column B is packed for the wide 6x16 kernel");
            assertEquals(16, assertInstanceOf(PackedMatrixB.class, gemm.prepackForManyRows(DenseMatrix.of(new float[3 * 25], 3, 25))).nr(),
                    "a 25-column B is packed for the wide 6x16 kernel");
            assertEquals("4x24", gemm.microKernel(20));
            assertEquals("6x16", gemm.microKernel(7));
        }
    }

    @Test
    void eachEpilogueRunsOnceOnEveryElementAfterTheLastKBlock() {
        for (Gemm gemm : gemms().toList()) {
            for (int[] s : new int[][]{{250, 70, 1600}, {3, 3100, 5}, {13, 3073, 400}, {40, 30, 0}}) {
                int m = s[0], n = s[1], k = s[2], ldc = n + 3;
                Random rnd = new Random(11);
                float[] a = random(rnd, m * k), b = random(rnd, k * n);
                float[] c = new float[m * ldc];
                int[] count = new int[m * ldc];
                double[] ref = naive(m, n, k, a, b);
                Epilogue counting = (cc, cOff, l, row0, rows, col0, cols) -> {
                    for (int i = row0; i < row0 + rows; i++) {
                        for (int j = col0; j < col0 + cols; j++) {
                            int idx = cOff + i * l + j;
                            // the product must be complete when the epilogue sees it
                            double tol = 1e-4 * (1 + Math.abs(ref[i * n + j]));
                            if (Math.abs(cc[idx] - ref[i * n + j]) > tol) {
                                fail(gemm.name() + " " + m + "x" + n + "x" + k + ": epilogue saw C[" + i + "][" + j + "] = "
                                        + cc[idx] + " before the last k-block, final " + ref[i * n + j]);
                            }
                            synchronized (count) { count[idx]++; }
                        }
                    }
                };
                gemm.multiply(m, n, k, DenseMatrix.of(a, m, k), DenseMatrix.of(b, k, n), c, 0, ldc, counting);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < ldc; j++) {
                        assertEquals(j < n ? 1 : 0, count[i * ldc + j],
                                gemm.name() + " " + m + "x" + n + "x" + k + ": epilogue calls on C[" + i + "][" + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void concurrentCallersSharingThePoolGetTheirOwnResults() throws Exception {
        Gemm gemm = new VectorGemm(512, 2);
        int callers = 4;
        Thread[] threads = new Thread[callers];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < callers; t++) {
            int seed = t;
            threads[t] = new Thread(() -> {
                try {
                    Random rnd = new Random(100 + seed);
                    for (int rep = 0; rep < 5; rep++) check(gemm, 150 + seed * 7, 70 + seed, 300 + 13 * seed, rnd, rep % 2 == 0);
                } catch (Throwable e) {
                    synchronized (failure) { if (failure[0] == null) failure[0] = e; }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        if (failure[0] != null) fail("a concurrent caller failed: " + failure[0], failure[0]);
    }

    @Test
    void anExceptionInAWorkerReachesTheCaller() {
        Gemm gemm = new VectorGemm(512, 2);
        float[] a = new float[600 * 20], b = new float[20 * 40], c = new float[600 * 40];
        Epilogue boom = (cc, cOff, l, row0, rows, col0, cols) -> { if (row0 > 0) throw new IllegalStateException("boom at " + row0); };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gemm.multiply(600, 40, 20, DenseMatrix.of(a, 600, 20), DenseMatrix.of(b, 20, 40), c, 0, 40, boom));
        assertTrue(e.getMessage().startsWith("boom at"), e.getMessage());
    }

    @Test
    void wrongShapesAreRejectedWithBothShapes() {
        Gemm gemm = new VectorGemm(512, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemm.multiply(4, 5, 6, DenseMatrix.of(new float[24], 4, 6), DenseMatrix.of(new float[35], 7, 5),
                        new float[20], 0, 5, Epilogue.NONE));
        assertTrue(e.getMessage().contains("7x5") && e.getMessage().contains("6x5"), e.getMessage());
    }

    @Test
    void theVectorSettingSelectsThePath() {
        assertInstanceOf(BlockedGemm.class, Gemms.forSetting("off", 2));
        VectorGemm v256 = assertInstanceOf(VectorGemm.class, Gemms.forSetting("256", 1));
        assertEquals(256, v256.vectorBits());
        VectorGemm v512 = assertInstanceOf(VectorGemm.class, Gemms.forSetting("512", 2));
        assertEquals(512, v512.vectorBits());
        assertEquals(2, v512.threads());
        Gemm auto = Gemms.forSetting("auto", 1);   // whatever this machine prefers, it must compute right
        check(auto, 50, 40, 30, new Random(1), true);
        check(Gemms.defaultGemm(), 61, 77, 45, new Random(2), true);
        assertTrue(org.convscope.internal.engine.Engine.resolve(org.convscope.engine.EngineConfig.Vector.AUTO).why().length() > 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemms.forSetting("1024", 1));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void denseMatrixPacksAsAAndAsBWithOffsetsAndLeadingDimensions() {
        Random rnd = new Random(5);
        int m = 29, n = 45, k = 33;
        float[] big = random(rnd, 4000);
        DenseMatrix a = new DenseMatrix(big, 17, m, k, k + 4);       // A inside a larger array
        DenseMatrix b = new DenseMatrix(big, 1500, k, n, n + 2);
        for (Gemm gemm : gemms().toList()) {
            float[] c = new float[m * n];
            gemm.multiply(m, n, k, a, b, c, 0, n, Epilogue.NONE);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double r = 0;
                    for (int p = 0; p < k; p++) r += (double) a.get(i, p) * b.get(p, j);
                    assertEquals(r, c[i * n + j], 1e-4, gemm.name() + " C[" + i + "][" + j + "]");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static void check(Gemm gemm, int m, int n, int k, Random rnd, boolean prepack) {
        float[] bData = random(rnd, k * n);
        DenseMatrix b = DenseMatrix.of(bData, k, n);
        checkWith(gemm, m, n, k, rnd, b, prepack ? gemm.prepack(b) : b);
    }

    /** C (ldc = n + 3, offset 5, guard values around it) = A·B with bias + ReLU, against the naive loop. */
    private static void checkWith(Gemm gemm, int m, int n, int k, Random rnd, DenseMatrix bDense, MatrixB b) {
        float[] a = random(rnd, m * k);
        float[] bias = random(rnd, n);
        int ldc = n + 3, cOff = 5;
        float[] c = new float[cOff + m * ldc + 4];
        java.util.Arrays.fill(c, GUARD);
        // three activations: an opaque relu (its scalar loop), relu6 and
        // relu(max_value=0.5) (the clamps, on the vector path of the activation)
        int which = (m + n + k) % 3;
        float hi = which == 0 ? Float.POSITIVE_INFINITY : which == 1 ? 6f : 0.5f;
        ElementwiseActivation relu = which == 0 ? new ElementwiseActivation() {
            @Override public float apply(float x) { return Math.max(0f, x); }
            @Override public String name() { return "relu"; }
        } : which == 1 ? org.convscope.activation.Relu6.INSTANCE : new org.convscope.activation.Relu(0.5f, 0f, 0f);
        gemm.multiply(m, n, k, DenseMatrix.of(a, m, k), b, c, cOff, ldc, Epilogue.biasActivation(bias, relu));

        double[] ref = naive(m, n, k, a, bDense.data());
        double maxErr = 0;
        String first = null;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double absSum = Math.abs(bias[j]);
                for (int p = 0; p < k; p++) absSum += Math.abs((double) a[i * k + p] * bDense.data()[p * n + j]);
                double want = Math.min(Math.max(0, ref[i * n + j] + bias[j]), hi);
                double got = c[cOff + i * ldc + j];
                double err = Math.abs(got - want);
                maxErr = Math.max(maxErr, err);
                // float accumulation of k+1 terms: |error| <= (k+1)·u·Σ|terms|, u = 2^-24
                if (err > (k + 2) * 6e-8 * absSum + 1e-30 && first == null) {
                    first = "C[" + i + "][" + j + "] = " + got + ", expected " + want;
                }
            }
        }
        for (int i = 0; i < c.length; i++) {
            int row = (i - cOff) / ldc, col = (i - cOff) % ldc;
            boolean inside = i >= cOff && row < m && col < n;
            if (!inside && c[i] != GUARD && first == null) first = "wrote outside C at index " + i + ": " + c[i];
        }
        if (first != null) {
            fail(gemm.name() + " m=" + m + " n=" + n + " k=" + k + " (" + b.getClass().getSimpleName() + "): first mismatch "
                    + first + "; max error " + maxErr);
        }
    }

    private static double[] naive(int m, int n, int k, float[] a, float[] b) {
        double[] r = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) r[i * n + j] += aip * b[p * n + j];
            }
        }
        return r;
    }

    private static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = rnd.nextFloat() * 2 - 1;
        return x;
    }
}
