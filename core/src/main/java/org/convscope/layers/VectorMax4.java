package org.convscope.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loop of 2x2 max pooling with the Vector API: {@code y[o+ch] = max of four pixels' channel
 * ch}. C2 does not vectorise a scalar {@code Math.max(float, float)} loop (measured: about 1.3 ns per
 * value, as slow as plain scalar code), while {@link FloatVector#max} compiles to {@code vmaxps}
 * with the same NaN and −0 rules as {@code Math.max}. Measured on convnet_512's first pool
 * (512×512×32 → 256×256×32): 9.9 ms scalar, 2.0 ms with this loop.
 *
 * <p>Loaded only when {@link org.convscope.gemm.Gemms#usesVectorApi()} says the module is readable;
 * {@link MaxPooling2D} has the scalar loop for the other case.
 */
final class VectorMax4 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorMax4() {}

    /** {@code y[o..o+c) = max(x[a..), x[b..), x[d..), x[e..))}, lane by lane, then a scalar tail. */
    static void max4(float[] x, int a, int b, int d, int e, float[] y, int o, int c) {
        int ch = 0;
        for (int end = S.loopBound(c); ch < end; ch += S.length()) {
            FloatVector top = FloatVector.fromArray(S, x, a + ch).max(FloatVector.fromArray(S, x, b + ch));
            FloatVector bottom = FloatVector.fromArray(S, x, d + ch).max(FloatVector.fromArray(S, x, e + ch));
            top.max(bottom).intoArray(y, o + ch);
        }
        for (; ch < c; ch++) y[o + ch] = Math.max(Math.max(Math.max(x[a + ch], x[b + ch]), x[d + ch]), x[e + ch]);
    }

    /** {@code y[o..o+c) = max(y[o..), x[src..))}, lane by lane: one cell of a window of any size folded in. */
    static void max2(float[] y, int o, float[] x, int src, int c) {
        int ch = 0;
        for (int end = S.loopBound(c); ch < end; ch += S.length()) {
            FloatVector.fromArray(S, y, o + ch).max(FloatVector.fromArray(S, x, src + ch)).intoArray(y, o + ch);
        }
        for (; ch < c; ch++) y[o + ch] = Math.max(y[o + ch], x[src + ch]);
    }
}
