package org.convscope.internal.conv;

/**
 * One Winograd algorithm F(m×m, 3×3) as {@link WinogradConv2D} uses it: the tile sizes, the kernel
 * transform (once per layer) and the input and output tile transforms, each over a run of
 * channels (contiguous in NHWC). Implementations: {@link WinogradF2x3} (m = 2) and
 * {@link WinogradF4x3} (m = 4). The tile transforms take {@code vector}: the Vector API loops
 * (the engine's width) or the scalar ones.
 */
interface WinogradTransform {
    /** {@return m: each tile gives m×m outputs} */
    int outputTile();

    /** {@return m + 2: each tile reads (m+2)×(m+2) inputs} */
    int inputTile();

    /** {@return (m+2)²: the number of independent GEMMs} */
    int positions();

    /** U_ξ = (G g Gᵀ)_ξ for every (ci, co) of a {@code (3, 3, cin, cout)} kernel: {@link #positions} row-major {@code [cin × cout]} matrices. */
    float[][] transformKernel(float[] kernel, int cin, int cout);

    /** V = Bᵀ d B of one tile for {@code cin} channels: d(i, j) of channel ci at {@code src[s + i·rowStride + j·colStride + ci]}, position ξ to {@code v[vOff + ξ·vStride + ci]}. */
    void inputTile(float[] src, int s, int rowStride, int colStride, float[] v, int vOff, int vStride, int cin, boolean vector);

    /** Y = Aᵀ M A + bias (then max(·, 0) with {@code relu}) of one tile for {@code cout} channels: position ξ at {@code m[mOff + ξ·mStride + co]}, Y(i, j) to {@code y[yOff + i·rowStride + j·colStride + co]}. */
    void outputTile(float[] m, int mOff, int mStride, float[] bias, float[] y, int yOff, int rowStride, int colStride, int cout, boolean relu, boolean vector);
}
