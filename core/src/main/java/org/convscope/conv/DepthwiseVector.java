package org.convscope.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops of a depthwise convolution with depth multiplier 1 on the Vector API: one output
 * row at a time, a vector of channels at a time, the sum over the kernel's taps kept in a register
 * and stored once (the scalar loop of {@link DepthwiseEngine} reads and writes the output pixel at
 * every tap).
 *
 * <pre>
 *   for ox in 0..outW:                         one output pixel of row (b, oy)
 *     for c in 0..C step VL:                   a vector of channels
 *       acc = bias[c:+VL] (or 0)
 *       for (ty, tx) in taps inside the image: acc = fma(x[b, iy, ix, c:+VL], k[ty, tx, c:+VL], acc)
 *       y[b, oy, ox, c:+VL] = relu ? max(acc, 0) : acc
 * </pre>
 * NHWC keeps both the input pixel's channels and the kernel tap's weights contiguous, so every load
 * is a plain vector load. Taps that fall in the padding are skipped (they would add 0·w). Channels
 * past the last whole vector go through the same sum in scalar code.
 *
 * <p>Loaded only when {@link org.convscope.gemm.Gemms#usesVectorApi()}.
 */
final class DepthwiseVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private DepthwiseVector() {}

    /**
     * Writes every value of output row {@code r = b·outH + oy}.
     *
     * @param x    the NHWC input
     * @param k    the kernel {@code (kh, kw, c, 1)}
     * @param bias {@code (c)} or null
     * @param relu whether to apply max(·, 0) before storing
     */
    static void row(float[] x, float[] k, float[] bias, ConvGeometry geo, int kh, int kw, int c, float[] y, int r, boolean relu) {
        int h = geo.inH(), w = geo.inW(), outH = geo.outH(), outW = geo.outW();
        int sh = geo.strideH(), sw = geo.strideW(), dh = geo.dilationH(), dw = geo.dilationW();
        int b = r / outH, oy = r - b * outH;
        int iy0 = oy * sh - geo.padTop(), image = b * h * w * c;
        int vEnd = S.loopBound(c), vl = S.length();
        int o = r * outW * c;
        for (int ox = 0; ox < outW; ox++, o += c) {
            int ix0 = ox * sw - geo.padLeft();
            for (int ci = 0; ci < vEnd; ci += vl) {
                FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, ci);
                for (int ty = 0; ty < kh; ty++) {
                    int iy = iy0 + ty * dh;
                    if (iy < 0 || iy >= h) continue;
                    int xRow = image + iy * w * c + ci, kRow = ty * kw * c + ci;
                    for (int tx = 0; tx < kw; tx++) {
                        int ix = ix0 + tx * dw;
                        if (ix < 0 || ix >= w) continue;
                        acc = FloatVector.fromArray(S, x, xRow + ix * c).fma(FloatVector.fromArray(S, k, kRow + tx * c), acc);
                    }
                }
                if (relu) acc = acc.max(0f);
                acc.intoArray(y, o + ci);
            }
            for (int ci = vEnd; ci < c; ci++) {
                float acc = bias == null ? 0f : bias[ci];
                for (int ty = 0; ty < kh; ty++) {
                    int iy = iy0 + ty * dh;
                    if (iy < 0 || iy >= h) continue;
                    for (int tx = 0; tx < kw; tx++) {
                        int ix = ix0 + tx * dw;
                        if (ix < 0 || ix >= w) continue;
                        acc = Math.fma(x[image + (iy * w + ix) * c + ci], k[(ty * kw + tx) * c + ci], acc);
                    }
                }
                y[o + ci] = relu ? Math.max(acc, 0f) : acc;
            }
        }
    }
}
