package org.convscope.internal.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WinogradF2x3}'s input and output tile transforms on the Vector API, a vector of channels at
 * a time (the same additions in the same order, so the results are bit-identical to the scalar
 * loops). C2 does not vectorise the scalar loops by itself: their 16 stores (or loads) go to one
 * array at offsets {@code q + ξ·stride} with a stride it cannot see, so it must assume they may
 * overlap from one channel to the next. Measured on convnet_512's conv4 (4096 tiles × 128
 * channels, one thread): input transform 5.0 ms scalar, output transform 3.1 ms scalar; see
 * benchmarks/NOTES.md for these loops.
 *
 * <p>Loaded only when {@link org.convscope.internal.gemm.Gemms#usesVectorApi()}; channels past the last whole
 * vector go through the scalar loops.
 */
final class WinogradF2x3Vector {
    private static final VectorSpecies<Float> S = org.convscope.internal.engine.Species.FLOAT;   // the engine's width

    private WinogradF2x3Vector() {}

    /** As {@link WinogradF2x3#inputTile}. */
    static void inputTile(float[] src, int s, int rowStride, int colStride, float[] v, int vOff, int vStride, int cin) {
        int r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride;
        int c1 = colStride, c2 = 2 * colStride, c3 = 3 * colStride;
        int ci = 0;
        for (int end = S.loopBound(cin); ci < end; ci += S.length()) {
            int p = s + ci;
            FloatVector d00 = load(src, p), d01 = load(src, p + c1), d02 = load(src, p + c2), d03 = load(src, p + c3);
            FloatVector d10 = load(src, p + r1), d11 = load(src, p + r1 + c1), d12 = load(src, p + r1 + c2), d13 = load(src, p + r1 + c3);
            FloatVector d20 = load(src, p + r2), d21 = load(src, p + r2 + c1), d22 = load(src, p + r2 + c2), d23 = load(src, p + r2 + c3);
            FloatVector d30 = load(src, p + r3), d31 = load(src, p + r3 + c1), d32 = load(src, p + r3 + c2), d33 = load(src, p + r3 + c3);
            // t = Bᵀ d: row 0 = d0 − d2, row 1 = d1 + d2, row 2 = d2 − d1, row 3 = d1 − d3
            FloatVector t00 = d00.sub(d20), t01 = d01.sub(d21), t02 = d02.sub(d22), t03 = d03.sub(d23);
            FloatVector t10 = d10.add(d20), t11 = d11.add(d21), t12 = d12.add(d22), t13 = d13.add(d23);
            FloatVector t20 = d20.sub(d10), t21 = d21.sub(d11), t22 = d22.sub(d12), t23 = d23.sub(d13);
            FloatVector t30 = d10.sub(d30), t31 = d11.sub(d31), t32 = d12.sub(d32), t33 = d13.sub(d33);
            // V = t B
            int q = vOff + ci;
            t00.sub(t02).intoArray(v, q);                  t01.add(t02).intoArray(v, q + vStride);
            t02.sub(t01).intoArray(v, q + 2 * vStride);    t01.sub(t03).intoArray(v, q + 3 * vStride);
            t10.sub(t12).intoArray(v, q + 4 * vStride);    t11.add(t12).intoArray(v, q + 5 * vStride);
            t12.sub(t11).intoArray(v, q + 6 * vStride);    t11.sub(t13).intoArray(v, q + 7 * vStride);
            t20.sub(t22).intoArray(v, q + 8 * vStride);    t21.add(t22).intoArray(v, q + 9 * vStride);
            t22.sub(t21).intoArray(v, q + 10 * vStride);   t21.sub(t23).intoArray(v, q + 11 * vStride);
            t30.sub(t32).intoArray(v, q + 12 * vStride);   t31.add(t32).intoArray(v, q + 13 * vStride);
            t32.sub(t31).intoArray(v, q + 14 * vStride);   t31.sub(t33).intoArray(v, q + 15 * vStride);
        }
        if (ci < cin) WinogradF2x3.inputTileScalar(src, s + ci, rowStride, colStride, v, vOff + ci, vStride, cin - ci);
    }

    /** As {@link WinogradF2x3#outputTile}. */
    static void outputTile(float[] m, int mOff, int mStride, float[] bias, float[] y, int yOff, int rowStride,
                           int colStride, int cout, boolean relu) {
        FloatVector zero = FloatVector.zero(S);
        int y01 = colStride, y10 = rowStride, y11 = rowStride + colStride;
        int co = 0;
        for (int end = S.loopBound(cout); co < end; co += S.length()) {
            int q = mOff + co;
            FloatVector m00 = load(m, q), m01 = load(m, q + mStride), m02 = load(m, q + 2 * mStride), m03 = load(m, q + 3 * mStride);
            FloatVector m10 = load(m, q + 4 * mStride), m11 = load(m, q + 5 * mStride), m12 = load(m, q + 6 * mStride), m13 = load(m, q + 7 * mStride);
            FloatVector m20 = load(m, q + 8 * mStride), m21 = load(m, q + 9 * mStride), m22 = load(m, q + 10 * mStride), m23 = load(m, q + 11 * mStride);
            FloatVector m30 = load(m, q + 12 * mStride), m31 = load(m, q + 13 * mStride), m32 = load(m, q + 14 * mStride), m33 = load(m, q + 15 * mStride);
            // u = Aᵀ M: row 0 = M0 + M1 + M2, row 1 = M1 − M2 − M3
            FloatVector u00 = m00.add(m10).add(m20), u01 = m01.add(m11).add(m21), u02 = m02.add(m12).add(m22), u03 = m03.add(m13).add(m23);
            FloatVector u10 = m10.sub(m20).sub(m30), u11 = m11.sub(m21).sub(m31), u12 = m12.sub(m22).sub(m32), u13 = m13.sub(m23).sub(m33);
            // Y = u A, plus the bias
            FloatVector b = load(bias, co);
            int o = yOff + co;
            FloatVector y00 = u00.add(u01).add(u02).add(b), y01v = u01.sub(u02).sub(u03).add(b);
            FloatVector y10v = u10.add(u11).add(u12).add(b), y11v = u11.sub(u12).sub(u13).add(b);
            if (relu) {                     // a fused plain ReLU: max(x, 0) with Math.max's rules
                y00 = y00.max(zero);
                y01v = y01v.max(zero);
                y10v = y10v.max(zero);
                y11v = y11v.max(zero);
            }
            y00.intoArray(y, o);
            y01v.intoArray(y, o + y01);
            y10v.intoArray(y, o + y10);
            y11v.intoArray(y, o + y11);
        }
        if (co < cout) {
            WinogradF2x3.outputTileScalar(m, mOff + co, mStride, bias, co, y, yOff + co, rowStride, colStride, cout - co, relu);
        }
    }

    private static FloatVector load(float[] a, int i) { return FloatVector.fromArray(S, a, i); }
}
