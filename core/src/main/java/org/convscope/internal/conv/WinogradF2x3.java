package org.convscope.internal.conv;

/**
 * The arithmetic of Winograd's minimal filtering algorithm F(2x2, 3x3), as Lavin and Gray apply it
 * to convolutional layers ("Fast Algorithms for Convolutional Neural Networks", CVPR 2016,
 * arXiv:1509.09308): the three transforms, each a short fixed sequence of additions, with nothing
 * else in the loops.
 *
 * <h2>One dimension: F(2, 3)</h2>
 * Two outputs of a 3-tap correlation, {@code y0 = d0·g0 + d1·g1 + d2·g2} and
 * {@code y1 = d1·g0 + d2·g1 + d3·g2}, need 6 multiplications done directly but only 4 this way:
 * <pre>
 *   m1 = (d0 − d2)·g0          m2 = (d1 + d2)·(g0 + g1 + g2)/2
 *   m4 = (d1 − d3)·g2          m3 = (d2 − d1)·(g0 − g1 + g2)/2
 *   y0 = m1 + m2 + m3          y1 = m2 − m3 − m4
 * </pre>
 * In matrix form {@code y = Aᵀ [(G g) ⊙ (Bᵀ d)]} with
 * <pre>
 *        | 1  0 −1  0 |           |  1    0    0  |
 *   Bᵀ = | 0  1  1  0 |       G = | 1/2  1/2  1/2 |       Aᵀ = | 1  1  1  0 |
 *        | 0 −1  1  0 |           | 1/2 −1/2  1/2 |            | 0  1 −1 −1 |
 *        | 0  1  0 −1 |           |  0    0    1  |
 * </pre>
 *
 * <h2>Two dimensions: F(2x2, 3x3), nested</h2>
 * A 2x2 block of outputs of a 3x3 correlation reads a 4x4 input tile d:
 * <pre>
 *   Y[2×2] = Aᵀ [ U ⊙ V ] A        U = G g Gᵀ   (4×4, from the 3×3 kernel g)
 *                                  V = Bᵀ d B   (4×4, from the 4×4 input tile d)
 * </pre>
 * 16 multiplications instead of 36: 2.25× fewer. Over channels the elementwise product becomes a
 * sum, and for each of the 16 positions ξ of the 4×4 tile that sum is a matrix product:
 * <pre>
 *   M_ξ[tile][co] = Σ_ci V_ξ[tile][ci] · U_ξ[ci][co]          (16 independent GEMMs)
 *   out tile (co) = Aᵀ M[·][tile][co] A
 * </pre>
 * So a convolution becomes: transform the input tiles (additions only), 16 GEMMs of
 * [tiles × cin]·[cin × cout] on the fast GEMM, transform the output tiles (additions only). Adjacent
 * tiles overlap by 2 input rows/columns (each tile produces 2 outputs per axis).
 *
 * <h2>Accuracy</h2>
 * The transforms have entries 0, ±1 and ±1/2 only, so F(2x2, 3x3) loses very little in float32:
 * the tests bound it by {@code 1e-5·max|ref|} like every fast path. Larger tiles (F(4x4, 3x3),
 * 4× fewer multiplications) with the usual points need entries such as 1/4, 1/6, 1/24 and lose
 * about 10× more bits (Lavin and Gray, section 5; Barabasz et al. 2020), too close to that
 * tolerance; {@link WinogradF4x3} uses better points.
 *
 * <h2>Layout</h2>
 * Every loop runs over channels, which are the contiguous axis of NHWC data and of the matrices
 * {@code V_ξ} ([tiles × cin], row-major) and {@code M_ξ} ([tiles × cout]), so each access is a
 * loop-invariant offset plus the channel index: C2 compiles these loops to SIMD code.
 */
final class WinogradF2x3 implements WinogradTransform {
    /** The algorithm (stateless: one instance). */
    static final WinogradF2x3 INSTANCE = new WinogradF2x3();
    /** Positions in a 4×4 tile: the number of independent GEMMs. */
    static final int POSITIONS = 16;

    private WinogradF2x3() {}

    @Override public int outputTile() { return 2; }

    @Override public int inputTile() { return 4; }

    @Override public int positions() { return POSITIONS; }

    @Override public String toString() { return "F(2x2,3x3)"; }

    /**
     * The kernel transform {@code U = G g Gᵀ} for every (ci, co) of a {@code (3, 3, cin, cout)}
     * Keras kernel, computed in double: returns 16 row-major {@code [cin × cout]} matrices,
     * {@code u[ξ]} for position ξ = 4·row + column of the 4×4 tile.
     */
    @Override
    public float[][] transformKernel(float[] kernel, int cin, int cout) {
        float[][] u = new float[POSITIONS][cin * cout];
        double[][] g = new double[3][3], gg = new double[4][3];
        double[][] gm = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};   // G, 4×3
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) g[ky][kx] = kernel[((ky * 3 + kx) * cin + ci) * cout + co];
                }
                for (int i = 0; i < 4; i++) {                  // G g: 4×3
                    for (int kx = 0; kx < 3; kx++) gg[i][kx] = gm[i][0] * g[0][kx] + gm[i][1] * g[1][kx] + gm[i][2] * g[2][kx];
                }
                for (int i = 0; i < 4; i++) {                  // (G g) Gᵀ: 4×4
                    for (int j = 0; j < 4; j++) {
                        double v = gg[i][0] * gm[j][0] + gg[i][1] * gm[j][1] + gg[i][2] * gm[j][2];
                        u[4 * i + j][ci * cout + co] = (float) v;
                    }
                }
            }
        }
        return u;
    }

    /**
     * The input transform {@code V = Bᵀ d B} of one 4×4 tile, for every channel: d(i, j) for channel
     * ci is {@code src[s + i·rowStride + j·colStride + ci]}; V's position ξ for channel ci goes to
     * {@code v[vOff + ξ·vStride + ci]}. With {@code Bᵀ} from the class comment, a row pass
     * {@code t = Bᵀ d} then a column pass {@code V = t B}: 32 additions per channel.
     */
    @Override
    public void inputTile(float[] src, int s, int rowStride, int colStride, float[] v, int vOff, int vStride, int cin,
                          boolean vector) {
        if (vector) WinogradF2x3Vector.inputTile(src, s, rowStride, colStride, v, vOff, vStride, cin);
        else inputTileScalar(src, s, rowStride, colStride, v, vOff, vStride, cin);
    }

    /** {@link #inputTile} in plain Java (without the Vector API, and for the channels past its last vector). */
    static void inputTileScalar(float[] src, int s, int rowStride, int colStride, float[] v, int vOff, int vStride, int cin) {
        int r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride;
        int c1 = colStride, c2 = 2 * colStride, c3 = 3 * colStride;
        for (int ci = 0; ci < cin; ci++) {
            int p = s + ci;
            float d00 = src[p], d01 = src[p + c1], d02 = src[p + c2], d03 = src[p + c3];
            float d10 = src[p + r1], d11 = src[p + r1 + c1], d12 = src[p + r1 + c2], d13 = src[p + r1 + c3];
            float d20 = src[p + r2], d21 = src[p + r2 + c1], d22 = src[p + r2 + c2], d23 = src[p + r2 + c3];
            float d30 = src[p + r3], d31 = src[p + r3 + c1], d32 = src[p + r3 + c2], d33 = src[p + r3 + c3];
            // t = Bᵀ d: row 0 = d0 − d2, row 1 = d1 + d2, row 2 = d2 − d1, row 3 = d1 − d3
            float t00 = d00 - d20, t01 = d01 - d21, t02 = d02 - d22, t03 = d03 - d23;
            float t10 = d10 + d20, t11 = d11 + d21, t12 = d12 + d22, t13 = d13 + d23;
            float t20 = d20 - d10, t21 = d21 - d11, t22 = d22 - d12, t23 = d23 - d13;
            float t30 = d10 - d30, t31 = d11 - d31, t32 = d12 - d32, t33 = d13 - d33;
            // V = t B: the same combination of columns
            int q = vOff + ci;
            v[q] = t00 - t02;                 v[q + vStride] = t01 + t02;
            v[q + 2 * vStride] = t02 - t01;   v[q + 3 * vStride] = t01 - t03;
            v[q + 4 * vStride] = t10 - t12;   v[q + 5 * vStride] = t11 + t12;
            v[q + 6 * vStride] = t12 - t11;   v[q + 7 * vStride] = t11 - t13;
            v[q + 8 * vStride] = t20 - t22;   v[q + 9 * vStride] = t21 + t22;
            v[q + 10 * vStride] = t22 - t21;  v[q + 11 * vStride] = t21 - t23;
            v[q + 12 * vStride] = t30 - t32;  v[q + 13 * vStride] = t31 + t32;
            v[q + 14 * vStride] = t32 - t31;  v[q + 15 * vStride] = t31 - t33;
        }
    }

    /**
     * The output transform {@code Y = Aᵀ M A} of one tile plus the bias, for every output channel:
     * position ξ of channel co is {@code m[mOff + ξ·mStride + co]}; Y(i, j) for channel co goes to
     * {@code y[yOff + i·rowStride + j·colStride + co]}. A row pass {@code u = Aᵀ M} (2×4), then a
     * column pass {@code Y = u A} (2×2): 24 additions per channel. With {@code relu}, each value is
     * {@code Math.max(value, 0)} (a fused plain ReLU).
     */
    @Override
    public void outputTile(float[] m, int mOff, int mStride, float[] bias, float[] y, int yOff, int rowStride,
                           int colStride, int cout, boolean relu, boolean vector) {
        if (vector) WinogradF2x3Vector.outputTile(m, mOff, mStride, bias, y, yOff, rowStride, colStride, cout, relu);
        else outputTileScalar(m, mOff, mStride, bias, 0, y, yOff, rowStride, colStride, cout, relu);
    }

    /**
     * {@link #outputTile} in plain Java, for {@code cout} channels whose bias starts at
     * {@code bias[biasOff]} (the vector version hands over the channels past its last vector).
     */
    static void outputTileScalar(float[] m, int mOff, int mStride, float[] bias, int biasOff, float[] y, int yOff,
                                 int rowStride, int colStride, int cout, boolean relu) {
        int s1 = mStride, s2 = 2 * mStride, s3 = 3 * mStride, s4 = 4 * mStride, s5 = 5 * mStride, s6 = 6 * mStride,
                s7 = 7 * mStride, s8 = 8 * mStride, s9 = 9 * mStride, s10 = 10 * mStride, s11 = 11 * mStride,
                s12 = 12 * mStride, s13 = 13 * mStride, s14 = 14 * mStride, s15 = 15 * mStride;
        int y01 = colStride, y10 = rowStride, y11 = rowStride + colStride;
        for (int co = 0; co < cout; co++) {
            int q = mOff + co;
            float m00 = m[q], m01 = m[q + s1], m02 = m[q + s2], m03 = m[q + s3];
            float m10 = m[q + s4], m11 = m[q + s5], m12 = m[q + s6], m13 = m[q + s7];
            float m20 = m[q + s8], m21 = m[q + s9], m22 = m[q + s10], m23 = m[q + s11];
            float m30 = m[q + s12], m31 = m[q + s13], m32 = m[q + s14], m33 = m[q + s15];
            // u = Aᵀ M: row 0 = M0 + M1 + M2, row 1 = M1 − M2 − M3
            float u00 = m00 + m10 + m20, u01 = m01 + m11 + m21, u02 = m02 + m12 + m22, u03 = m03 + m13 + m23;
            float u10 = m10 - m20 - m30, u11 = m11 - m21 - m31, u12 = m12 - m22 - m32, u13 = m13 - m23 - m33;
            // Y = u A, plus the bias
            float b = bias[biasOff + co];
            int o = yOff + co;
            float y00 = u00 + u01 + u02 + b, y01v = u01 - u02 - u03 + b;
            float y10v = u10 + u11 + u12 + b, y11v = u11 - u12 - u13 + b;
            if (relu) {
                y00 = Math.max(y00, 0f);
                y01v = Math.max(y01v, 0f);
                y10v = Math.max(y10v, 0f);
                y11v = Math.max(y11v, 0f);
            }
            y[o] = y00;
            y[o + y01] = y01v;
            y[o + y10] = y10v;
            y[o + y11] = y11v;
        }
    }
}
