package org.convscope.internal.gemm;

/** Argument checks shared by GEMM implementations (clear messages instead of deep exceptions). */
public final class GemmChecks {
    private GemmChecks() {}

    /**
     * Checks the arguments of {@link Gemm#multiply}: sizes agree with the operands and C fits in its array.
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a the left operand
     * @param b the right operand
     * @param c the output array
     * @param cOff index of C[0][0] in {@code c}
     * @param ldc the leading dimension of C
     */
    public static void check(int m, int n, int k, MatrixA a, MatrixB b, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("gemm: negative size m=" + m + " n=" + n + " k=" + k);
        if (a.rows() != m || a.cols() != k) {
            throw new IllegalArgumentException("gemm: A is " + a.rows() + "x" + a.cols() + ", expected " + m + "x" + k);
        }
        if (b.rows() != k || b.cols() != n) {
            throw new IllegalArgumentException("gemm: B is " + b.rows() + "x" + b.cols() + ", expected " + k + "x" + n);
        }
        if (ldc < n) throw new IllegalArgumentException("gemm: ldc " + ldc + " < n " + n);
        long need = m == 0 || n == 0 ? 0 : cOff + (long) (m - 1) * ldc + n;
        if (cOff < 0 || need > c.length) {
            throw new IllegalArgumentException("gemm: C " + m + "x" + n + " (ldc " + ldc + ", offset " + cOff + ") does not fit in " + c.length);
        }
    }
}
