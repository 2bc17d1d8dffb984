package org.convscope.internal.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WinogradF4x3}'s tile transforms on the Vector API, a vector of channels at a time, as two
 * 1D passes through a per-thread scratch of 36 vectors (columns first, then rows), the same
 * arithmetic as the scalar {@link WinogradF4x3#bt}/{@link WinogradF4x3#at}. Loaded only when
 * {@link org.convscope.internal.gemm.Gemms#usesVectorApi()}.
 */
final class WinogradF4x3Vector {
    private static final VectorSpecies<Float> S = org.convscope.internal.engine.Species.FLOAT;   // the engine's width
    private static final int L = S.length();

    private WinogradF4x3Vector() {}

    /** The whole vectors of {@link WinogradF4x3#inputTile}; returns the first channel left to do. */
    static int inputTile(float[] src, int s, int rowStride, int colStride, float[] v, int vOff, int vStride, int cin, float[] t) {
        int ci = 0;
        for (int end = S.loopBound(cin); ci < end; ci += L) {
            for (int j = 0; j < 6; j++) bt(src, s + ci + j * colStride, rowStride, t, j * L, 6 * L);
            for (int i = 0; i < 6; i++) bt(t, 6 * i * L, L, v, vOff + ci + 6 * i * vStride, vStride);
        }
        return ci;
    }

    /** The whole vectors of {@link WinogradF4x3#outputTile}; returns the first channel left to do. */
    static int outputTile(float[] m, int mOff, int mStride, float[] bias, float[] y, int yOff, int rowStride,
                          int colStride, int cout, boolean relu, float[] u) {
        int co = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int end = S.loopBound(cout); co < end; co += L) {
            for (int j = 0; j < 6; j++) at(m, mOff + co + j * mStride, 6 * mStride, u, j * L, 6 * L, zero, false);
            FloatVector b = FloatVector.fromArray(S, bias, co);
            for (int i = 0; i < 4; i++) at(u, 6 * i * L, L, y, yOff + co + i * rowStride, colStride, b, relu);
        }
        return co;
    }

    /** As {@link WinogradF4x3#bt}, one vector of channels. */
    private static void bt(float[] a, int s, int ss, float[] b, int d, int ds) {
        FloatVector x0 = ld(a, s), x1 = ld(a, s + ss), x2 = ld(a, s + 2 * ss), x3 = ld(a, s + 3 * ss), x4 = ld(a, s + 4 * ss), x5 = ld(a, s + 5 * ss);
        x0.sub(x1.mul(1.5f)).sub(x2.mul(2f)).add(x3.mul(1.5f)).add(x4).intoArray(b, d);
        x1.neg().add(x2.mul(0.5f)).add(x3.mul(2.5f)).add(x4).intoArray(b, d + ds);
        x1.sub(x2.mul(2.5f)).add(x3.mul(0.5f)).add(x4).intoArray(b, d + 2 * ds);
        x1.mul(-2f).sub(x2).add(x3.mul(2f)).add(x4).intoArray(b, d + 3 * ds);
        x1.mul(0.5f).sub(x2).sub(x3.mul(0.5f)).add(x4).intoArray(b, d + 4 * ds);
        x1.sub(x2.mul(1.5f)).sub(x3.mul(2f)).add(x4.mul(1.5f)).add(x5).intoArray(b, d + 5 * ds);
    }

    /** As {@link WinogradF4x3#at}, one vector of channels. */
    private static void at(float[] a, int s, int ss, float[] b, int d, int ds, FloatVector add, boolean relu) {
        FloatVector x0 = ld(a, s), x1 = ld(a, s + ss), x2 = ld(a, s + 2 * ss), x3 = ld(a, s + 3 * ss), x4 = ld(a, s + 4 * ss), x5 = ld(a, s + 5 * ss);
        FloatVector y0 = x0.add(x1).add(x2).add(x3).add(x4).add(add);
        FloatVector y1 = x1.sub(x2).add(x3.mul(0.5f)).sub(x4.mul(2f)).add(add);
        FloatVector y2 = x1.add(x2).add(x3.mul(0.25f)).add(x4.mul(4f)).add(add);
        FloatVector y3 = x1.sub(x2).add(x3.mul(0.125f)).sub(x4.mul(8f)).add(x5).add(add);
        if (relu) {
            FloatVector zero = FloatVector.zero(S);
            y0 = y0.max(zero);
            y1 = y1.max(zero);
            y2 = y2.max(zero);
            y3 = y3.max(zero);
        }
        y0.intoArray(b, d);
        y1.intoArray(b, d + ds);
        y2.intoArray(b, d + 2 * ds);
        y3.intoArray(b, d + 3 * ds);
    }

    private static FloatVector ld(float[] a, int i) { return FloatVector.fromArray(S, a, i); }
}
