package org.convscope.explain;

/**
 * The matrix product a layer becomes: {@code groups} products of {@code C[m×n] = A[m×k]·B[k×n]}.
 * For a convolution, {@code m = batch·H_out·W_out} (one row per output pixel),
 * {@code k = kh·kw·C_in/groups} (one column per kernel tap and input channel) and
 * {@code n = C_out/groups} (one column per filter).
 *
 * <p>Example: a 3x3 convolution from 1 to 32 channels on a 33x33 valid input has
 * {@code m = 31·31 = 961}, {@code k = 9}, {@code n = 32}.
 *
 * @param m      rows of A and C: for a convolution, the output pixels of one image
 * @param k      the shared dimension: the values summed for one output (kernel taps × input channels per group)
 * @param n      columns of B and C: the output channels per group
 * @param groups how many such products the layer runs (1 unless it has channel groups)
 * @param what   a short description, e.g. "im2col GEMM" or "pointwise GEMM"
 */
public record GemmShape(long m, long k, long n, int groups, String what) {
    /** {@return {@code 2·m·k·n·groups}: the floating-point operations, a multiply-add counting as two} */
    public long flops() { return 2 * m * k * n * groups; }

    /** {@return the shape as text, "961×9×32" (M×K×N), with "4 × " in front for several groups} */
    public String text() { return (groups > 1 ? groups + " × " : "") + m + "×" + k + "×" + n; }
}
