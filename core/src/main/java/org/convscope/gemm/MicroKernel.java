package org.convscope.gemm;

/**
 * A register-blocked micro-kernel: C[mr×nr] (+)= Apanel · Bpanel, where the A micro-panel holds,
 * for each p, {@link #mr} values of a column of A, and the B micro-panel {@link #nr} values of a row
 * of B (the layouts of {@link MatrixA} and {@link MatrixB} packing).
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

    MicroKernel(int mr, int nr) {
        this.mr = mr;
        this.nr = nr;
    }

    /**
     * The full tile: C[cOff + i·ldc + j] for i &lt; mr, j &lt; nr becomes (load ? C : 0) + Σ_p a·b over
     * kc steps. The A panel starts at {@code aOff} (stride mr per p), the B panel at {@code bOff}
     * (stride nr per p).
     */
    abstract void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load);

    /**
     * One tile of which only {@code rows × cols} (≤ mr × nr) lie inside C. {@code load} false
     * overwrites C (first k-block), true accumulates into it. {@code tile} is scratch of at least
     * mr·nr floats owned by the calling thread.
     */
    final void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                       int rows, int cols, boolean load, float[] tile) {
        if (rows == mr && cols == nr) {
            full(kc, a, aOff, b, bOff, c, cOff, ldc, load);
            return;
        }
        if (load) copy(c, cOff, ldc, tile, 0, nr, rows, cols);
        full(kc, a, aOff, b, bOff, tile, 0, nr, load);
        copy(tile, 0, nr, c, cOff, ldc, rows, cols);
    }

    private static void copy(float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd, int rows, int cols) {
        for (int i = 0; i < rows; i++) System.arraycopy(src, srcOff + i * lds, dst, dstOff + i * ldd, cols);
    }
}
