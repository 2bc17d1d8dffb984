package org.convscope.internal.gemm;

/**
 * BLIS's macro-kernel: loops 2 (JR) and 1 (IR) around the micro-kernel. It multiplies one packed
 * block of A (mc × kc, micro-panels of MR rows) by packed panels of B (kc × nc, micro-panels of NR
 * columns) into the matching block of C:
 *
 * <pre>
 *                      B panels (kc x nc): micro-panel jr/NR at bOff + (jr/NR)*panelStride
 *                     jr=0    NR     2NR
 *                    +------+------+------+--
 *                    |  B0  |  B1  |  B2  |      each kc x NR, row p = NR consecutive values
 *                    +------+------+------+--
 *   A block (mc x kc)     C block (mc x nc)
 *   +------------+       +------+------+------+--
 *   | A0  (MR)   |  ir=0 |A0*B0 |A0*B1 |A0*B2 |
 *   +------------+       +------+------+------+--
 *   | A1  (MR)   |   MR  |A1*B0 |A1*B1 |      |      for jr in 0..nc step NR     loop 2 (JR)
 *   +------------+       +------+------+------+--      for ir in 0..mc step MR   loop 1 (IR)
 *   | ...        |       |      |      |      |          C[ir:+MR, jr:+NR] (+)= A(ir) . B(jr)
 *   +------------+       +------+------+------+--
 *   row r of A at r*KC (row layout, see MicroKernel)
 * </pre>
 *
 * JR outside IR: one B micro-panel (kc·NR floats, up to 96 KiB at 512 bits) is reused by every A
 * micro-panel of the block while the A block (mc·kc) stays in L2; swapping the two loops measured
 * the same within noise (benchmarks/NOTES.md, round 1, item 6), so BLIS's order stays. Edge tiles
 * (fewer than MR rows or NR columns left) are the micro-kernel's business
 * ({@link MicroKernel#compute}).
 */
final class MacroKernel {
    private MacroKernel() {}

    /**
     * C[0:mc, 0:nc] (+)= packed A block (mc×kc) · packed B panels (kc×nc).
     *
     * @param kernel      the micro-kernel (its MR, NR and A row stride)
     * @param kc          depth of this k-block
     * @param ap          the packed A block: row r at {@code r·kernel.aStride}, rows past mc zero up to a multiple of MR
     * @param mc          rows of the block
     * @param bp          the packed B panels; the one for columns [jr, jr+NR) starts at {@code bOff + (jr/NR)·panelStride}
     * @param bOff        start of the first panel's k-block
     * @param panelStride distance between two panels (k·NR for B packed whole, kc·NR for a BLIS panel)
     * @param c           C
     * @param cIdx        index of this block's C[0][0]
     * @param ldc         C's row stride
     * @param nc          columns of the block
     * @param accumulate  add to C (a later k-block) rather than overwrite it (the first)
     * @param bias        the fused bias row padded to whole panels, or null; read by the first k-block only
     * @param col0        the column of C (and of the bias) where this block starts
     * @param tile        the thread's scratch tile for edge tiles, ≥ MR·NR floats
     */
    static void run(MicroKernel kernel, int kc, float[] ap, int mc, float[] bp, int bOff, int panelStride,
                    float[] c, int cIdx, int ldc, int nc, boolean accumulate, float[] bias, int col0, float[] tile) {
        int mr = kernel.mr, nr = kernel.nr;
        for (int jr = 0; jr < nc; jr += nr) {                          // loop 2 (JR): one B micro-panel
            int cols = Math.min(nr, nc - jr);
            int bPanel = bOff + (jr / nr) * panelStride;
            for (int ir = 0; ir < mc; ir += mr) {                      // loop 1 (IR): one A micro-panel, at row ir
                kernel.compute(kc, ap, ir * kernel.aStride, bp, bPanel, c, cIdx + ir * ldc + jr, ldc,
                        Math.min(mr, mc - ir), cols, accumulate, bias, col0 + jr, tile);
            }
        }
    }
}
