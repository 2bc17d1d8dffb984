package org.convscope.internal.conv;

/**
 * Winograd's F(4x4, 3x3) with the interpolation points {0, 1, −1, 1/2, −2, ∞}: a 4×4 block of
 * outputs of a 3x3 correlation from a 6×6 input tile with 36 multiplications instead of 144 (4×
 * fewer than direct, 1.78× fewer than {@link WinogradF2x3}).
 *
 * <h2>Why these points</h2>
 * The usual choice {0, ±1, ±2, ∞} puts entries up to 8 and 1/24 in the transforms, and in float32
 * its error over 128 channels reaches 1.1–1.3e-5 of max|ref| — past convscope's 1e-5 bound. Following
 * Barabasz et al. ("Error analysis and improving the accuracy of Winograd convolution for deep
 * neural networks", ACM TOMS 2020: points of small and reciprocal magnitudes), replacing +2 by 1/2
 * keeps the input transform's entries within {0, ±1/2, ±1, ±3/2, ±2, ±5/2}; measured by
 * {@code benchmarks/winograd-accuracy.py} (random tiles, inputs in [0, 1), He-scaled kernels,
 * float32 against float64): 2.3e-6 (32 channels), 2.3e-6 (64), 3.9e-6 (128), against 3.6e-6,
 * 1.3e-5, 7.4e-6 for {0, ±1, ±2} and 0.8–2.4e-6 for F(2x2, 3x3).
 *
 * <h2>The transforms</h2>
 * Built from the points (Toom-Cook; the script derives and checks them exactly):
 * <pre>
 *        | 1 −3/2  −2  3/2  1  0 |        |   1      0      0   |
 *        | 0  −1  1/2  5/2  1  0 |        |  1/3    1/3    1/3  |        | 1  1  1   1    1  0 |
 *   Bᵀ = | 0   1 −5/2  1/2  1  0 |    G = | −1/3   1/3   −1/3  |   Aᵀ = | 0  1 −1  1/2  −2  0 |
 *        | 0  −2  −1    2   1  0 |        | −16/15 −8/15 −4/15 |        | 0  1  1  1/4   4  0 |
 *        | 0  1/2 −1  −1/2  1  0 |        |  1/15 −2/15  4/15  |        | 0  1 −1  1/8  −8  1 |
 *        | 0   1 −3/2  −2  3/2 1 |        |   0      0      1   |
 * </pre>
 * {@code Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A}. Each 2D transform runs as two 1D passes (columns into a
 * small per-thread scratch, then rows), so at most a dozen vectors are live at once.
 */
final class WinogradF4x3 implements WinogradTransform {
    static final WinogradF4x3 INSTANCE = new WinogradF4x3();
    private static final double[][] G = {
        {1, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {-1.0 / 3, 1.0 / 3, -1.0 / 3},
        {-16.0 / 15, -8.0 / 15, -4.0 / 15}, {1.0 / 15, -2.0 / 15, 4.0 / 15}, {0, 0, 1}};
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[36 * 64]);

    private WinogradF4x3() {}

    @Override public int outputTile() { return 4; }

    @Override public int inputTile() { return 6; }

    @Override public int positions() { return 36; }

    @Override public String toString() { return "F(4x4,3x3)"; }

    @Override
    public float[][] transformKernel(float[] kernel, int cin, int cout) {
        float[][] u = new float[36][cin * cout];
        double[][] g = new double[3][3], gg = new double[6][3];
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) g[ky][kx] = kernel[((ky * 3 + kx) * cin + ci) * cout + co];
                }
                for (int i = 0; i < 6; i++) {
                    for (int kx = 0; kx < 3; kx++) gg[i][kx] = G[i][0] * g[0][kx] + G[i][1] * g[1][kx] + G[i][2] * g[2][kx];
                }
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        u[6 * i + j][ci * cout + co] = (float) (gg[i][0] * G[j][0] + gg[i][1] * G[j][1] + gg[i][2] * G[j][2]);
                    }
                }
            }
        }
        return u;
    }

    @Override
    public void inputTile(float[] src, int s, int rowStride, int colStride, float[] v, int vOff, int vStride, int cin, boolean vector) {
        int ci = 0;
        if (vector) ci = WinogradF4x3Vector.inputTile(src, s, rowStride, colStride, v, vOff, vStride, cin, scratch());
        float[] t = ci < cin ? scratch() : null;     // scalar: the tail channels, or no Vector API
        for (; ci < cin; ci++) {
            for (int j = 0; j < 6; j++) bt(src, s + ci + j * colStride, rowStride, t, j, 6);
            for (int i = 0; i < 6; i++) bt(t, 6 * i, 1, v, vOff + ci + 6 * i * vStride, vStride);
        }
    }

    @Override
    public void outputTile(float[] m, int mOff, int mStride, float[] bias, float[] y, int yOff, int rowStride,
                           int colStride, int cout, boolean relu, boolean vector) {
        int co = 0;
        if (vector) co = WinogradF4x3Vector.outputTile(m, mOff, mStride, bias, y, yOff, rowStride, colStride, cout, relu, scratch());
        float[] u = co < cout ? scratch() : null;
        for (; co < cout; co++) {
            for (int j = 0; j < 6; j++) at(m, mOff + co + j * mStride, 6 * mStride, u, j, 6, 0f, false);
            for (int i = 0; i < 4; i++) at(u, 6 * i, 1, y, yOff + co + i * rowStride, colStride, bias[co], relu);
        }
    }

    private static float[] scratch() { return SCRATCH.get(); }

    /** Six values {@code x[k] = a[s + k·ss]} → {@code Bᵀ x} to {@code b[d + i·ds]}. */
    static void bt(float[] a, int s, int ss, float[] b, int d, int ds) {
        float x0 = a[s], x1 = a[s + ss], x2 = a[s + 2 * ss], x3 = a[s + 3 * ss], x4 = a[s + 4 * ss], x5 = a[s + 5 * ss];
        b[d] = x0 - 1.5f * x1 - 2f * x2 + 1.5f * x3 + x4;
        b[d + ds] = -x1 + 0.5f * x2 + 2.5f * x3 + x4;
        b[d + 2 * ds] = x1 - 2.5f * x2 + 0.5f * x3 + x4;
        b[d + 3 * ds] = -2f * x1 - x2 + 2f * x3 + x4;
        b[d + 4 * ds] = 0.5f * x1 - x2 - 0.5f * x3 + x4;
        b[d + 5 * ds] = x1 - 1.5f * x2 - 2f * x3 + 1.5f * x4 + x5;
    }

    /** Six values {@code x[k] = a[s + k·ss]} → {@code Aᵀ x} (four values) + {@code add} to {@code b[d + i·ds]}. */
    static void at(float[] a, int s, int ss, float[] b, int d, int ds, float add, boolean relu) {
        float x0 = a[s], x1 = a[s + ss], x2 = a[s + 2 * ss], x3 = a[s + 3 * ss], x4 = a[s + 4 * ss], x5 = a[s + 5 * ss];
        float y0 = x0 + x1 + x2 + x3 + x4 + add;
        float y1 = x1 - x2 + 0.5f * x3 - 2f * x4 + add;
        float y2 = x1 + x2 + 0.25f * x3 + 4f * x4 + add;
        float y3 = x1 - x2 + 0.125f * x3 - 8f * x4 + x5 + add;
        if (relu) {
            y0 = Math.max(y0, 0f);
            y1 = Math.max(y1, 0f);
            y2 = Math.max(y2, 0f);
            y3 = Math.max(y3, 0f);
        }
        b[d] = y0;
        b[d + ds] = y1;
        b[d + 2 * ds] = y2;
        b[d + 3 * ds] = y3;
    }
}
