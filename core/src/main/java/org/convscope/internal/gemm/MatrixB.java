package org.convscope.internal.gemm;

/**
 * The right operand B[k×n] of a GEMM, read through packing.
 *
 * <p>Packing layout (BLIS's): rows {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} are written
 * as ceil(nc/nr) micro-panels; panel s holds, for p = 0..kc-1, the nr values
 * B[p0 + p][j0 + s·nr + 0..nr-1] contiguously. Columns past {@code n} are written as zeros.
 */
public interface MatrixB {
    /**
     * Number of rows (k).
     * @return number of rows
     */
    int rows();

    /**
     * Number of columns (n).
     * @return number of columns
     */
    int cols();

    /**
     * Element B[p][j] (slow path, for tests and reference code).
     *
     * @param j column
     * @param p row
     * @return element B[p][j] (slow path, for tests and reference code)
     */
    float get(int p, int j);

    /**
     * Packs a block as described in the class comment into {@code dst} starting at {@code dstOff}.
     * (Named {@code packB}, not {@code pack}, so that one class can be both a {@link MatrixA} and a
     * {@code MatrixB}, as {@link DenseMatrix} is: the two packings have the same parameter types
     * but different layouts.)
     *
     * @param dst the destination array
     * @param dstOff where the block starts in {@code dst}
     * @param j0 first column
     * @param kc number of k indices in the block
     * @param nc number of columns in the block
     * @param nr micro-panel width (columns per panel)
     * @param p0 first row (the k index)
     */
    default void packB(int p0, int kc, int j0, int nc, int nr, float[] dst, int dstOff) {
        int o = dstOff;
        for (int s = 0; s < nc; s += nr) {
            for (int p = 0; p < kc; p++) {
                for (int jj = 0; jj < nr; jj++) {
                    int j = j0 + s + jj;
                    dst[o++] = (s + jj < nc && j < cols()) ? get(p0 + p, j) : 0f;
                }
            }
        }
    }
}
