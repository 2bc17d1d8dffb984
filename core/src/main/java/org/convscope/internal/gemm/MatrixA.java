package org.convscope.internal.gemm;

/**
 * The left operand A[m×k] of a GEMM, read through packing.
 *
 * <p>Packing layout (BLIS's): rows {@code [i0, i0+mc)} and columns {@code [p0, p0+kc)} are written
 * as ceil(mc/mr) micro-panels one after the other; panel r holds, for p = 0..kc-1, the mr values
 * A[i0 + r·mr + 0..mr-1][p0 + p] contiguously. Rows past {@code m} are written as zeros.
 */
public interface MatrixA {
    /**
     * Number of rows (m).
     * @return number of rows
     */
    int rows();

    /**
     * Number of columns (k).
     * @return number of columns
     */
    int cols();

    /**
     * Element A[i][p] (slow path, for tests and reference code).
     *
     * @param i row
     * @param p column
     * @return element A[i][p] (slow path, for tests and reference code)
     */
    float get(int i, int p);

    /**
     * Packs a block as described in the class comment into {@code dst} starting at {@code dstOff}.
     *
     * @param dst the destination array
     * @param dstOff where the block starts in {@code dst}
     * @param i0 first row
     * @param kc number of k indices in the block
     * @param mc number of rows in the block
     * @param mr micro-panel height (rows per panel)
     * @param p0 first column of A / row of B (the k index)
     */
    default void pack(int i0, int mc, int p0, int kc, int mr, float[] dst, int dstOff) {
        int o = dstOff;
        for (int r = 0; r < mc; r += mr) {
            for (int p = 0; p < kc; p++) {
                for (int ii = 0; ii < mr; ii++) {
                    int i = i0 + r + ii;
                    dst[o++] = (r + ii < mc && i < rows()) ? get(i, p0 + p) : 0f;
                }
            }
        }
    }

    /**
     * Packs rows {@code [i0, i0+mc)}, columns {@code [p0, p0+kc)} row by row: A[i0 + r][p0 + p] goes
     * to {@code dst[dstOff + r·ld + p]} (ld ≥ kc); rows past {@link #rows()} are written as zeros.
     * This is the A layout of the vector GEMM's micro-kernel (see {@code MicroKernel}); implementations
     * should override it with contiguous copies, the default reads {@link #get} value by value.
     *
     * @param dst the destination array
     * @param dstOff where the block starts in {@code dst}
     * @param i0 first row
     * @param kc number of columns
     * @param ld the distance between two packed rows in {@code dst} (at least {@code kc})
     * @param mc number of rows
     * @param p0 first column
     */
    default void packRows(int i0, int mc, int p0, int kc, float[] dst, int dstOff, int ld) {
        for (int r = 0; r < mc; r++) {
            int o = dstOff + r * ld, i = i0 + r;
            for (int p = 0; p < kc; p++) dst[o + p] = i < rows() ? get(i, p0 + p) : 0f;
        }
    }
}
