package org.convscope.internal.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.convscope.geometry.ConvGeometry;

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
 *       y[b, oy, ox, c:+VL] = clamp ? min(max(acc, lo), hi) : acc      (a fused relu or relu6)
 * </pre>
 * NHWC keeps both the input pixel's channels and the kernel tap's weights contiguous, so every load
 * is a plain vector load. Taps that fall in the padding are skipped (they would add 0·w). Channels
 * past the last whole vector go through the same sum in scalar code.
 *
 * <p>Loaded only when {@link org.convscope.internal.gemm.Gemms#usesVectorApi()}.
 */
final class DepthwiseVector {
    private static final VectorSpecies<Float> S = org.convscope.internal.engine.Species.FLOAT;   // the engine's width

    /** Output pixels computed together by {@link #rangeKw3}. */
    private static final int BLOCK = 4;

    private DepthwiseVector() {}

    /**
     * min(max(v, clamp[0]), clamp[1]): a fused relu ({@code {0, +∞}}) or relu6 ({@code {0, 6}}),
     * lane by lane {@link Math#max} then {@link Math#min} like the activations' own loops.
     */
    private static FloatVector clamped(FloatVector v, float[] clamp) {
        return v.max(clamp[0]).min(clamp[1]);
    }

    /**
     * Writes every value of output row {@code r = b·outH + oy} into the NHWC output {@code y}.
     *
     * @param x    the NHWC input
     * @param k    the kernel {@code (kh, kw, c, 1)}
     * @param bias {@code (c)} or null
     * @param clamp {@code {lo, hi}} of a fused relu or relu6 applied before storing, or null
     */
    static void row(float[] x, float[] k, float[] bias, ConvGeometry geo, int kh, int kw, int c, float[] y, int r, float[] clamp) {
        range(x, k, bias, geo, kh, kw, c, r, 0, geo.outW(), 0, c, y, r * geo.outW() * c, c, clamp);
    }

    /**
     * Writes output pixels {@code [ox0, ox1)} of row {@code r}, channels {@code [c0, c1)}: the value of
     * pixel ox, channel ci goes to {@code y[yOff + (ox − ox0)·yStride + (ci − c0)]}. With
     * {@code yStride = c} and {@code yOff} the row's start this is the NHWC output; a GEMM packing
     * its A block passes its own row stride (see {@link DepthwiseMatrixA}).
     */
    static void range(float[] x, float[] k, float[] bias, ConvGeometry geo, int kh, int kw, int c, int r, int ox0, int ox1,
                      int c0, int c1, float[] y, int yOff, int yStride, float[] clamp) {
        if (kw == 3 && (geo.strideW() == 1 || geo.strideW() == 2) && geo.dilationW() == 1 && c1 - c0 >= S.length()) {
            rangeKw3(x, k, bias, geo, kh, c, r, ox0, ox1, c0, c1, y, yOff, yStride, clamp);
            return;
        }
        if (ox1 - ox0 >= BLOCK && c1 - c0 >= S.length()) {
            rangeBlocks(x, k, bias, geo, kh, kw, c, r, ox0, ox1, c0, c1, y, yOff, yStride, clamp);
            return;
        }
        for (int ox = ox0; ox < ox1; ox++) pixel(x, k, bias, geo, kh, kw, c, r, ox, c0, c1, y, yOff + (ox - ox0) * yStride - c0, clamp);
    }

    /**
     * Any kernel width, stride and dilation (5×5 at stride 1 or 2 in EfficientNet, MobileNetV3):
     * {@value #BLOCK} output pixels at a time, each with its own sum (4 independent FMA chains,
     * where {@link #pixel} runs one and waits on each FMA's latency), every channel vector of the
     * block before the next block. For each kernel tap the weight vector is loaded once and used by
     * the {@value #BLOCK} pixels; a pixel whose tap falls into the left or right padding skips it (a
     * test per pixel and tap, decided the same way for every channel vector), so the pixels at the
     * row's ends need no separate path; kernel rows in the top or bottom padding are left out of the
     * loop. The last block ends at {@code ox1}, overlapping the one before (its pixels computed
     * twice, to the same values). Channels past the last whole vector go through {@link #pixel}.
     * Loads: {@value #BLOCK} input vectors and 1 weight vector per {@value #BLOCK} FMAs (no input
     * reuse between taps, unlike {@link #rangeKw3}, which is unrolled for width 3).
     */
    private static void rangeBlocks(float[] x, float[] k, float[] bias, ConvGeometry geo, int kh, int kw, int c, int r,
                                    int ox0, int ox1, int c0, int c1, float[] y, int yOff, int yStride, float[] clamp) {
        int h = geo.inH(), w = geo.inW(), outH = geo.outH();
        int sw = geo.strideW(), dh = geo.dilationH(), dw = geo.dilationW(), padLeft = geo.padLeft();
        int b = r / outH, oy = r - b * outH;
        int iy0 = oy * geo.strideH() - geo.padTop(), image = b * h * w * c;
        int vl = S.length(), vEnd = c0 + (c1 - c0) / vl * vl;
        int yBase = yOff - ox0 * yStride - c0;                   // y index of (ox, ci) = yBase + ox·yStride + ci
        int tyFirst = 0, tyEnd = kh;                             // kernel rows inside the image
        while (tyFirst < kh && iy0 + tyFirst * dh < 0) tyFirst++;
        while (tyEnd > tyFirst && iy0 + (tyEnd - 1) * dh >= h) tyEnd--;
        int xStep = sw * c;                                      // from one output pixel's input column to the next's
        for (int next = ox0; next < ox1; next += BLOCK) {
            int ox = Math.min(next, ox1 - BLOCK);
            int yi = yBase + ox * yStride;
            int ixFirst = ox * sw - padLeft;                     // input column of tap 0 for the block's first pixel
            for (int ci = c0; ci < vEnd; ci += vl) {
                FloatVector init = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, ci);
                FloatVector s0 = init, s1 = init, s2 = init, s3 = init;
                for (int ty = tyFirst; ty < tyEnd; ty++) {
                    int kRow = ty * kw * c + ci;
                    int xRow = image + (iy0 + ty * dh) * w * c + ci;
                    for (int tx = 0; tx < kw; tx++) {
                        FloatVector wt = FloatVector.fromArray(S, k, kRow + tx * c);
                        int ix = ixFirst + tx * dw;                  // column of pixel 0; pixel j reads ix + j·sw
                        int xi = xRow + ix * c;
                        if (ix >= 0 && ix + (BLOCK - 1) * sw < w) {
                            s0 = FloatVector.fromArray(S, x, xi).fma(wt, s0);
                            s1 = FloatVector.fromArray(S, x, xi + xStep).fma(wt, s1);
                            s2 = FloatVector.fromArray(S, x, xi + 2 * xStep).fma(wt, s2);
                            s3 = FloatVector.fromArray(S, x, xi + 3 * xStep).fma(wt, s3);
                        } else {                                 // some of the four columns lie in the padding
                            if (ix >= 0 && ix < w) s0 = FloatVector.fromArray(S, x, xi).fma(wt, s0);
                            if (ix + sw >= 0 && ix + sw < w) s1 = FloatVector.fromArray(S, x, xi + xStep).fma(wt, s1);
                            if (ix + 2 * sw >= 0 && ix + 2 * sw < w) s2 = FloatVector.fromArray(S, x, xi + 2 * xStep).fma(wt, s2);
                            if (ix + 3 * sw >= 0 && ix + 3 * sw < w) s3 = FloatVector.fromArray(S, x, xi + 3 * xStep).fma(wt, s3);
                        }
                    }
                }
                if (clamp != null) { s0 = clamped(s0, clamp); s1 = clamped(s1, clamp); s2 = clamped(s2, clamp); s3 = clamped(s3, clamp); }
                s0.intoArray(y, yi + ci); s1.intoArray(y, yi + yStride + ci);
                s2.intoArray(y, yi + 2 * yStride + ci); s3.intoArray(y, yi + 3 * yStride + ci);
            }
        }
        if (vEnd < c1) {
            for (int ox = ox0; ox < ox1; ox++) pixel(x, k, bias, geo, kh, kw, c, r, ox, vEnd, c1, y, yBase + ox * yStride, clamp);
        }
    }

    /**
     * Kernel width 3, stride 1 or 2 and dilation 1 along the row (any height, stride and dilation
     * down the columns): the pixels whose three taps lie inside the image go {@value #BLOCK} at a time,
     * and for each block every channel vector, with {@value #BLOCK} independent sums (one FMA chain
     * each, where one pixel at a time waits 4 cycles per tap on the previous FMA) and the input
     * vectors shared between neighbours: per kernel row, {@value #BLOCK} + 2 input loads (stride 2:
     * 2·{@value #BLOCK} + 1) and 3 weight loads feed 3·{@value #BLOCK} FMAs. The pixels at the two ends, whose taps reach into
     * the padding, and the channels past the last whole vector go through {@link #pixel}.
     */
    private static void rangeKw3(float[] x, float[] k, float[] bias, ConvGeometry geo, int kh, int c, int r, int ox0, int ox1,
                                 int c0, int c1, float[] y, int yOff, int yStride, float[] clamp) {
        int h = geo.inH(), w = geo.inW(), outH = geo.outH();
        int dh = geo.dilationH(), padLeft = geo.padLeft(), sw = geo.strideW();
        int b = r / outH, oy = r - b * outH;
        int iy0 = oy * geo.strideH() - geo.padTop(), image = b * h * w * c;
        int vl = S.length(), vEnd = c0 + (c1 - c0) / vl * vl;
        int yBase = yOff - ox0 * yStride - c0;                   // y index of (ox, ci) = yBase + ox·yStride + ci
        // output pixels in [lo, hi) read input columns ox·sw - padLeft + 0..2, all inside [0, w)
        int lo = Math.max(ox0, Math.min(ox1, (padLeft + sw - 1) / sw));
        int hi = Math.max(lo, Math.min(ox1, w - 3 + padLeft < 0 ? 0 : (w - 3 + padLeft) / sw + 1));
        int tyFirst = 0, tyEnd = kh;                                  // kernel rows inside the image
        while (tyFirst < kh && iy0 + tyFirst * dh < 0) tyFirst++;
        while (tyEnd > tyFirst && iy0 + (tyEnd - 1) * dh >= h) tyEnd--;
        for (int ox = ox0; ox < lo; ox++) pixel(x, k, bias, geo, kh, 3, c, r, ox, c0, c1, y, yBase + ox * yStride, clamp);
        for (int ox = hi; ox < ox1; ox++) pixel(x, k, bias, geo, kh, 3, c, r, ox, c0, c1, y, yBase + ox * yStride, clamp);
        if (hi - lo < BLOCK) {                          // fewer than BLOCK pixels in all
            for (int ox = lo; ox < hi; ox++) pixel(x, k, bias, geo, kh, 3, c, r, ox, c0, c1, y, yBase + ox * yStride, clamp);
            return;
        }
        // Pixel blocks outside, channel vectors inside: a block's 6 input pixels per kernel row are
        // contiguous memory, and the weights (9·c floats) stay in L1. (Channels outside made each
        // load a separate cache line at a stride of c floats, a few L1 sets for c = 128 or 256.)
        // Whole blocks from lo; the last block ends at hi, overlapping the one before (its pixels
        // are computed twice, to the same values) rather than leaving up to BLOCK-1 single pixels.
        for (int next = lo; next < hi; next += BLOCK) {
            int ox = Math.min(next, hi - BLOCK);
            int yi = yBase + ox * yStride;
            if (sw == 2) {
                blockStride2(x, k, bias, c, c0, vEnd, image + ((iy0) * w + ox * 2 - padLeft) * c, w * c, dh, tyFirst, tyEnd, y, yi, yStride, clamp);
                continue;
            }
            for (int ci = c0; ci < vEnd; ci += vl) {
                FloatVector init = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, ci);
                FloatVector s0 = init, s1 = init, s2 = init, s3 = init;
                for (int ty = tyFirst; ty < tyEnd; ty++) {
                    int kRow = ty * 3 * c + ci;
                    FloatVector w0 = FloatVector.fromArray(S, k, kRow);
                    FloatVector w1 = FloatVector.fromArray(S, k, kRow + c);
                    FloatVector w2 = FloatVector.fromArray(S, k, kRow + 2 * c);
                    int xi = image + ((iy0 + ty * dh) * w + ox - padLeft) * c + ci;
                    FloatVector x0 = FloatVector.fromArray(S, x, xi);
                    FloatVector x1 = FloatVector.fromArray(S, x, xi + c);
                    FloatVector x2 = FloatVector.fromArray(S, x, xi + 2 * c);
                    FloatVector x3 = FloatVector.fromArray(S, x, xi + 3 * c);
                    FloatVector x4 = FloatVector.fromArray(S, x, xi + 4 * c);
                    FloatVector x5 = FloatVector.fromArray(S, x, xi + 5 * c);
                    s0 = x0.fma(w0, s0); s1 = x1.fma(w0, s1); s2 = x2.fma(w0, s2); s3 = x3.fma(w0, s3);
                    s0 = x1.fma(w1, s0); s1 = x2.fma(w1, s1); s2 = x3.fma(w1, s2); s3 = x4.fma(w1, s3);
                    s0 = x2.fma(w2, s0); s1 = x3.fma(w2, s1); s2 = x4.fma(w2, s2); s3 = x5.fma(w2, s3);
                }
                if (clamp != null) { s0 = clamped(s0, clamp); s1 = clamped(s1, clamp); s2 = clamped(s2, clamp); s3 = clamped(s3, clamp); }
                s0.intoArray(y, yi + ci); s1.intoArray(y, yi + yStride + ci);
                s2.intoArray(y, yi + 2 * yStride + ci); s3.intoArray(y, yi + 3 * yStride + ci);
            }
        }
        if (vEnd < c1) {
            for (int ox = lo; ox < hi; ox++) pixel(x, k, bias, geo, kh, 3, c, r, ox, vEnd, c1, y, yBase + ox * yStride, clamp);
        }
    }

    /**
     * One block of {@value #BLOCK} output pixels at stride 2 along the row, channels {@code [c0, vEnd)}
     * in whole vectors: pixel j reads input columns 2j .. 2j+2 from {@code xStart} (the block's first
     * input column in the first image row, {@code xRow} floats per image row), so 9 input loads per
     * kernel row feed 12 FMAs in 4 independent chains.
     */
    private static void blockStride2(float[] x, float[] k, float[] bias, int c, int c0, int vEnd, int xStart, int xRow, int dh,
                                     int tyFirst, int tyEnd, float[] y, int yi, int yStride, float[] clamp) {
        int vl = S.length();
        for (int ci = c0; ci < vEnd; ci += vl) {
            FloatVector init = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, ci);
            FloatVector s0 = init, s1 = init, s2 = init, s3 = init;
            for (int ty = tyFirst; ty < tyEnd; ty++) {
                int kRow = ty * 3 * c + ci;
                FloatVector w0 = FloatVector.fromArray(S, k, kRow);
                FloatVector w1 = FloatVector.fromArray(S, k, kRow + c);
                FloatVector w2 = FloatVector.fromArray(S, k, kRow + 2 * c);
                int xi = xStart + ty * dh * xRow + ci;
                FloatVector x0 = FloatVector.fromArray(S, x, xi);
                FloatVector x1 = FloatVector.fromArray(S, x, xi + c);
                FloatVector x2 = FloatVector.fromArray(S, x, xi + 2 * c);
                s0 = x0.fma(w0, s0); s0 = x1.fma(w1, s0); s0 = x2.fma(w2, s0);
                FloatVector x3 = FloatVector.fromArray(S, x, xi + 3 * c);
                FloatVector x4 = FloatVector.fromArray(S, x, xi + 4 * c);
                s1 = x2.fma(w0, s1); s1 = x3.fma(w1, s1); s1 = x4.fma(w2, s1);
                FloatVector x5 = FloatVector.fromArray(S, x, xi + 5 * c);
                FloatVector x6 = FloatVector.fromArray(S, x, xi + 6 * c);
                s2 = x4.fma(w0, s2); s2 = x5.fma(w1, s2); s2 = x6.fma(w2, s2);
                FloatVector x7 = FloatVector.fromArray(S, x, xi + 7 * c);
                FloatVector x8 = FloatVector.fromArray(S, x, xi + 8 * c);
                s3 = x6.fma(w0, s3); s3 = x7.fma(w1, s3); s3 = x8.fma(w2, s3);
            }
            if (clamp != null) { s0 = clamped(s0, clamp); s1 = clamped(s1, clamp); s2 = clamped(s2, clamp); s3 = clamped(s3, clamp); }
            s0.intoArray(y, yi + ci); s1.intoArray(y, yi + yStride + ci);
            s2.intoArray(y, yi + 2 * yStride + ci); s3.intoArray(y, yi + 3 * yStride + ci);
        }
    }

    /**
     * Output pixel {@code ox} of row {@code r}, channels {@code [from, to)} (vectors, then scalars):
     * channel ci goes to {@code y[yPixel + ci]}.
     */
    private static void pixel(float[] x, float[] k, float[] bias, ConvGeometry geo, int kh, int kw, int c, int r, int ox,
                              int from, int to, float[] y, int yPixel, float[] clamp) {
        int h = geo.inH(), w = geo.inW(), outH = geo.outH();
        int sh = geo.strideH(), sw = geo.strideW(), dh = geo.dilationH(), dw = geo.dilationW();
        int b = r / outH, oy = r - b * outH;
        int iy0 = oy * sh - geo.padTop(), image = b * h * w * c;
        int vl = S.length(), vEnd = from + (to - from) / vl * vl;
        int ix0 = ox * sw - geo.padLeft();
        // the taps inside the image, found once for all channel vectors: no test per tap below
        int tyLo = 0, tyHi = kh, txLo = 0, txHi = kw;
        while (tyLo < kh && iy0 + tyLo * dh < 0) tyLo++;
        while (tyHi > tyLo && iy0 + (tyHi - 1) * dh >= h) tyHi--;
        while (txLo < kw && ix0 + txLo * dw < 0) txLo++;
        while (txHi > txLo && ix0 + (txHi - 1) * dw >= w) txHi--;
        int xTap = dw * c, kTap = c;                              // from one tap of a kernel row to the next
        int ci = from;
        // four channel vectors at a time: four independent FMA chains (one chain waits on each FMA's
        // latency), the tap loop's bookkeeping shared by four vectors
        for (; ci + 4 * vl <= vEnd; ci += 4 * vl) {
            FloatVector a0, a1, a2, a3;
            if (bias == null) {
                a0 = a1 = a2 = a3 = FloatVector.zero(S);
            } else {
                a0 = FloatVector.fromArray(S, bias, ci);
                a1 = FloatVector.fromArray(S, bias, ci + vl);
                a2 = FloatVector.fromArray(S, bias, ci + 2 * vl);
                a3 = FloatVector.fromArray(S, bias, ci + 3 * vl);
            }
            for (int ty = tyLo; ty < tyHi; ty++) {
                int xi = image + ((iy0 + ty * dh) * w + ix0 + txLo * dw) * c + ci, ki = (ty * kw + txLo) * c + ci;
                for (int tx = txLo; tx < txHi; tx++, xi += xTap, ki += kTap) {
                    a0 = FloatVector.fromArray(S, x, xi).fma(FloatVector.fromArray(S, k, ki), a0);
                    a1 = FloatVector.fromArray(S, x, xi + vl).fma(FloatVector.fromArray(S, k, ki + vl), a1);
                    a2 = FloatVector.fromArray(S, x, xi + 2 * vl).fma(FloatVector.fromArray(S, k, ki + 2 * vl), a2);
                    a3 = FloatVector.fromArray(S, x, xi + 3 * vl).fma(FloatVector.fromArray(S, k, ki + 3 * vl), a3);
                }
            }
            if (clamp != null) { a0 = clamped(a0, clamp); a1 = clamped(a1, clamp); a2 = clamped(a2, clamp); a3 = clamped(a3, clamp); }
            a0.intoArray(y, yPixel + ci);
            a1.intoArray(y, yPixel + ci + vl);
            a2.intoArray(y, yPixel + ci + 2 * vl);
            a3.intoArray(y, yPixel + ci + 3 * vl);
        }
        for (; ci < vEnd; ci += vl) {
            FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, ci);
            for (int ty = tyLo; ty < tyHi; ty++) {
                int xi = image + ((iy0 + ty * dh) * w + ix0 + txLo * dw) * c + ci, ki = (ty * kw + txLo) * c + ci;
                for (int tx = txLo; tx < txHi; tx++, xi += xTap, ki += kTap) {
                    acc = FloatVector.fromArray(S, x, xi).fma(FloatVector.fromArray(S, k, ki), acc);
                }
            }
            if (clamp != null) acc = clamped(acc, clamp);
            acc.intoArray(y, yPixel + ci);
        }
        for (ci = vEnd; ci < to; ci++) {
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
            y[yPixel + ci] = clamp == null ? acc : Math.min(Math.max(acc, clamp[0]), clamp[1]);
        }
    }
}
