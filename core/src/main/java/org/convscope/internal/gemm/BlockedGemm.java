package org.convscope.internal.gemm;

/**
 * A correct, cache-blocked, single-threaded scalar GEMM: the five loops of BLIS around a plain
 * MR×NR micro-kernel. It is the engine's fallback when the Vector API is not available, and a
 * readable map of the structure the fast {@code VectorGemm} follows.
 *
 * <pre>
 * for jc in 0..n step NC          // loop 5: a column panel of B and C
 *   for pc in 0..k step KC        // loop 4: a slice of k; pack B[pc:pc+KC, jc:jc+NC]
 *     for ic in 0..m step MC      // loop 3: a row block of A; pack A[ic:ic+MC, pc:pc+KC]
 *       for jr in 0..NC step NR   // loop 2: one micro-panel of packed B
 *         for ir in 0..MC step MR // loop 1: one micro-panel of packed A
 *           C[ir:ir+MR, jr:jr+NR] += Apanel · Bpanel   (the micro-kernel)
 * </pre>
 */
public final class BlockedGemm implements Gemm {
    @Override
    public String microKernel(int n) { return "scalar " + MR + "x" + NR; }

    @Override
    public int mr() { return MR; }

    static final int MR = 4, NR = 8;
    static final int KC = 256, MC = 128, NC = 1024;

    /** A scalar GEMM; it holds no state, so one instance can serve every thread. */
    public BlockedGemm() {}

    @Override public String name() { return "blocked-scalar"; }

    @Override
    public void multiply(int m, int n, int k, MatrixA a, MatrixB b, float[] c, int cOff, int ldc, Epilogue epilogue) {
        GemmChecks.check(m, n, k, a, b, c, cOff, ldc);
        float[] packA = new float[roundUp(Math.min(MC, m), MR) * Math.min(KC, Math.max(k, 1))];
        float[] packB = new float[roundUp(Math.min(NC, n), NR) * Math.min(KC, Math.max(k, 1))];
        float[] acc = new float[MR * NR];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            if (k == 0) {
                for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc + jc, cOff + i * ldc + jc + nc, 0f);
                epilogue.apply(c, cOff, ldc, 0, m, jc, nc);
                continue;
            }
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean first = pc == 0, last = pc + kc == k;
                b.packB(pc, kc, jc, nc, NR, packB, 0);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    a.pack(ic, mc, pc, kc, MR, packA, 0);
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            microKernel(kc, packA, (ir / MR) * MR * kc, packB, (jr / NR) * NR * kc, acc);
                            store(acc, c, cOff + (ic + ir) * ldc + jc + jr, ldc,
                                    Math.min(MR, mc - ir), Math.min(NR, nc - jr), first);
                        }
                    }
                    if (last) epilogue.apply(c, cOff, ldc, ic, mc, jc, nc);
                }
            }
        }
    }

    /** acc[MR×NR] = sum over p of a[p][0..MR) ⊗ b[p][0..NR) (k rank-1 updates). */
    private static void microKernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] acc) {
        java.util.Arrays.fill(acc, 0f);
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * MR, bp = bOff + p * NR;
            for (int i = 0; i < MR; i++) {
                float ai = a[ap + i];
                int row = i * NR;
                for (int j = 0; j < NR; j++) acc[row + j] += ai * b[bp + j];
            }
        }
    }

    /** Writes (first k-block) or adds the valid mr×nr corner of acc into C. */
    private static void store(float[] acc, float[] c, int cIdx, int ldc, int mr, int nr, boolean overwrite) {
        for (int i = 0; i < mr; i++) {
            int row = cIdx + i * ldc;
            for (int j = 0; j < nr; j++) {
                c[row + j] = overwrite ? acc[i * NR + j] : c[row + j] + acc[i * NR + j];
            }
        }
    }

    private static int roundUp(int x, int to) { return (x + to - 1) / to * to; }
}
