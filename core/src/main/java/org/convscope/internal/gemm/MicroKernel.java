package org.convscope.internal.gemm;

/**
 * A register-blocked micro-kernel: C[mr×nr] (+)= Apanel · Bpanel.
 *
 * <p>Layouts. The B micro-panel is BLIS's ({@link MatrixB}): for each p, {@link #nr} consecutive
 * values of a row of B. The A micro-panel is <em>row by row</em> ({@link MatrixA#packRows}): row i
 * of the panel is kc consecutive values starting at {@code aOff + i·aStride}, with the constant
 * stride {@link #aStride} (= the largest kc). BLIS interleaves A instead (mr values per p); here
 * that transposing copy cost 5–10× more than a row copy, and with n ≤ 128 (convolutions) there are
 * only 2·n flops per packed A value to pay for it. Reading 12 rows costs the kernel nothing: each
 * broadcast is still one memory operand, at a constant displacement from the same index register.
 *
 * <p>Edge tiles are handled here, not in the loops around it (BLIS's convention): packing pads A
 * with zero rows and B with zero columns, so the arithmetic is always a full MR×NR tile; only the
 * store is partial. A partial tile is computed into a small scratch tile and its valid corner copied
 * to C, so no write ever goes past C's edge.
 *
 * <p>This class touches no Vector API type: subclasses do, and are only loaded once {@link Gemms}
 * knows the module is readable.
 */
abstract class MicroKernel {
    /** Rows of the register tile (= rows of an A micro-panel). */
    final int mr;
    /** Columns of the register tile (= columns of a B micro-panel). */
    final int nr;
    /** Distance between rows of a packed A micro-panel; also the largest kc the kernel accepts. */
    final int aStride;

    MicroKernel(int mr, int nr, int aStride) {
        this.mr = mr;
        this.nr = nr;
        this.aStride = aStride;
    }

    /**
     * The full tile: C[cOff + i·ldc + j] for i &lt; mr, j &lt; nr becomes (load ? C : bias) + Σ_p a·b over
     * kc steps (kc ≤ aStride). The A panel's row i starts at {@code aOff + i·aStride}, the B panel
     * at {@code bOff} (stride nr per p). {@code bias} (may be null: zero) gives the starting row
     * {@code bias[biasOff .. biasOff+nr)} of the first k-block: a fused bias epilogue.
     */
    abstract void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,
                       float[] bias, int biasOff);

    /**
     * One tile of which only {@code rows × cols} (≤ mr × nr) lie inside C. {@code load} false
     * overwrites C (first k-block; starting from {@code bias} when not null, which must then have nr
     * readable values at biasOff), true accumulates into it. {@code tile} is scratch of at least
     * mr·nr floats owned by the calling thread.
     */
    final void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                       int rows, int cols, boolean load, float[] bias, int biasOff, float[] tile) {
        if (rows == mr && cols == nr) {
            full(kc, a, aOff, b, bOff, c, cOff, ldc, load, bias, biasOff);
            return;
        }
        if (load) copy(c, cOff, ldc, tile, 0, nr, rows, cols);
        full(kc, a, aOff, b, bOff, tile, 0, nr, load, bias, biasOff);
        copy(tile, 0, nr, c, cOff, ldc, rows, cols);
    }

    private static void copy(float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd, int rows, int cols) {
        for (int i = 0; i < rows; i++) System.arraycopy(src, srcOff + i * lds, dst, dstOff + i * ldd, cols);
    }
}
