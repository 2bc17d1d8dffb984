package org.convscope.explain;

/**
 * The matrix product a layer becomes: {@code groups} products of {@code C[m×n] = A[m×k]·B[k×n]}.
 * For a convolution, {@code m = batch·H_out·W_out} (one row per output pixel),
 * {@code k = kh·kw·C_in/groups} (one column per kernel tap and input channel) and
 * {@code n = C_out/groups} (one column per filter).
 *
 * @param what a short description, e.g. "im2col GEMM" or "pointwise GEMM"
 */
public record GemmShape(long m, long k, long n, int groups, String what) {
    /** {@code 2·m·k·n·groups}: each multiply-add is two floating-point operations. */
    public long flops() { return 2 * m * k * n * groups; }

    /** "961×9×32", with "4 × " in front for several groups. */
    public String text() { return (groups > 1 ? groups + " × " : "") + m + "×" + k + "×" + n; }
}
