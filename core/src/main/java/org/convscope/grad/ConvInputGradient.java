package org.convscope.grad;

import java.util.Arrays;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Input gradients of the convolutions, the heavy part of every backward pass.
 *
 * <h2>Conv2D: a GEMM then col2im</h2>
 * The forward convolution is {@code Y = im2col(X) · W}, with one im2col row per output pixel
 * (its kh·kw·cinG patch values) and W the kernel seen as a {@code (kh·kw·cinG) × cout} matrix.
 * So {@code dJ/d im2col(X) = dY · Wᵀ}, an {@code (N·Ho·Wo) × (kh·kw·cinG)} matrix computed by the
 * engine's GEMM, and dJ/dX is that matrix scattered back ("col2im"): patch entry (ty, tx, ci) of
 * output pixel (b, oy, ox) adds into X[b, oy·sh − padTop + ty·dh, ox·sw − padLeft + tx·dw, ci];
 * entries that fall on the padding are dropped. Each group is its own GEMM. The rows are processed
 * in chunks so the patch-gradient buffer stays small. A 1×1, stride-1 convolution without padding
 * skips the scatter: dX = dY · Wᵀ directly.
 *
 * <h2>Conv2DTranspose: im2col then a GEMM</h2>
 * A transposed convolution adds X[b, i, j, ci]·K[ty, tx, co, ci] into Y[b, i·sh + ty·dh − padTop,
 * j·sw + tx·dw − padLeft, co]. Reading that backwards, dX[b, i, j, ci] = Σ dY[b, i·sh + ty·dh − padTop,
 * ..., co]·K[ty, tx, co, ci]: an ordinary (strided, dilated) convolution of dY whose kernel, stored
 * as Keras does {@code (kh, kw, cout, cin)}, already is the {@code (kh·kw·cout) × cin} GEMM operand.
 *
 * <p>All tensors are NHWC. Every method allocates its result and its scratch buffers per call, so
 * any number of threads may use them at once; the kernels and dY are only read.
 */
public final class ConvInputGradient {
    /** Target number of floats in one chunk of the patch-gradient buffer (4 MB). */
    private static final int CHUNK_FLOATS = 1 << 20;

    private ConvInputGradient() {}

    /**
     * dJ/dX of a Conv2D without its bias and activation: per group, dY·Wᵀ then col2im (see the class
     * comment). Taps that fall on the padding get no gradient; overlapping windows add up.
     *
     * @param g      the forward pass's geometry: input size, kernel size, strides, dilation, padding
     *               split and groups
     * @param kernel the layer's kernel as Keras stores it, {@code (kh, kw, cin/groups, cout)}
     * @param dY     dJ/d(pre-activation output), {@code [N, outH, outW, cout]}
     * @return dJ/dX, a new {@code [N, inH, inW, inC]} tensor
     * @throws IllegalArgumentException naming the layer, with both shapes, when {@code dY} is not
     *                                  the geometry's output shape
     */
    public static Tensor conv2d(ConvGeometry g, Tensor kernel, Tensor dY) {
        int cout = kernel.dim(3), groups = g.groups(), cinG = g.inCPerGroup(), coutG = cout / groups;
        Shapes.requireSame(g.layer() + " output gradient", dY.shape(), g.outputShape(cout));
        int kh = g.kh(), kw = g.kw(), patch = kh * kw * cinG;
        int rows = g.outputPixels();
        Tensor dX = Tensor.zeros(g.batch(), g.inH(), g.inW(), g.inC());
        Gemm gemm = Gemms.defaultGemm();
        float[] k = kernel.data(), dy = dY.data(), dx = dX.data();
        boolean pointwise = kh == 1 && kw == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padLeft() == 0 && g.outH() == g.inH() && g.outW() == g.inW();
        int chunk = Math.max(1, Math.min(rows, CHUNK_FLOATS / Math.max(1, patch)));
        float[] cols = pointwise ? null : new float[chunk * patch];
        for (int gi = 0; gi < groups; gi++) {
            // B = W_gᵀ: coutG × patch, B[j][p] = kernel[p·cout + gi·coutG + j].
            float[] wt = new float[coutG * patch];
            for (int p = 0; p < patch; p++) {
                for (int j = 0; j < coutG; j++) wt[j * patch + p] = k[p * cout + gi * coutG + j];
            }
            DenseMatrix b = DenseMatrix.of(wt, coutG, patch);
            if (pointwise) {
                // dX[:, gi·cinG ...] = dY[:, gi·coutG ...] · W_gᵀ, written straight into dX.
                DenseMatrix a = new DenseMatrix(dy, gi * coutG, rows, coutG, cout);
                if (groups == 1) {
                    gemm.multiply(rows, patch, coutG, a, b, dx, 0, g.inC(), Epilogue.NONE);
                } else {
                    float[] tmp = new float[rows * patch];
                    gemm.multiply(rows, patch, coutG, a, b, tmp, 0, patch, Epilogue.NONE);
                    for (int r = 0; r < rows; r++) System.arraycopy(tmp, r * patch, dx, r * g.inC() + gi * cinG, patch);
                }
                continue;
            }
            for (int r0 = 0; r0 < rows; r0 += chunk) {
                int m = Math.min(chunk, rows - r0);
                DenseMatrix a = new DenseMatrix(dy, r0 * cout + gi * coutG, m, coutG, cout);
                gemm.multiply(m, patch, coutG, a, b, cols, 0, patch, Epilogue.NONE);
                col2im(g, cols, r0, m, gi * cinG, cinG, dx);
            }
        }
        return dX;
    }

    /** Adds the patch gradients of output pixels {@code [r0, r0+m)} into dX (channels {@code c0..c0+cinG}). */
    private static void col2im(ConvGeometry g, float[] cols, int r0, int m, int c0, int cinG, float[] dx) {
        int outH = g.outH(), outW = g.outW(), h = g.inH(), w = g.inW(), cin = g.inC();
        int kh = g.kh(), kw = g.kw(), patch = kh * kw * cinG;
        for (int r = 0; r < m; r++) {
            int pix = r0 + r;
            int ox = pix % outW, oy = (pix / outW) % outH, b = pix / (outW * outH);
            int src = r * patch;
            for (int ty = 0; ty < kh; ty++) {
                int iy = oy * g.strideH() - g.padTop() + ty * g.dilationH();
                if (iy < 0 || iy >= h) { src += kw * cinG; continue; }
                for (int tx = 0; tx < kw; tx++, src += cinG) {
                    int ix = ox * g.strideW() - g.padLeft() + tx * g.dilationW();
                    if (ix < 0 || ix >= w) continue;
                    int dst = ((b * h + iy) * w + ix) * cin + c0;
                    for (int ci = 0; ci < cinG; ci++) dx[dst + ci] += cols[src + ci];
                }
            }
        }
    }

    /**
     * dJ/dX of a DepthwiseConv2D without bias and activation: output channel {@code c·mult + m}
     * reads only input channel c, so dX[b, iy, ix, c] = Σ dY[b, oy, ox, c·mult + m]·K[ty, tx, c, m]
     * over the output pixels and taps that read (iy, ix). Plain loops (no GEMM): the work per input
     * pixel is only kh·kw·mult multiply-adds per channel.
     *
     * @param g      the forward pass's geometry (groups 1)
     * @param kernel the depthwise kernel as Keras stores it, {@code (kh, kw, cin, mult)}
     * @param dY     dJ/d(pre-activation output), {@code [N, outH, outW, cin·mult]}
     * @return dJ/dX, a new {@code [N, inH, inW, cin]} tensor
     * @throws IllegalArgumentException naming the layer, with both shapes, when {@code dY} is not
     *                                  the geometry's output shape
     */
    public static Tensor depthwise(ConvGeometry g, Tensor kernel, Tensor dY) {
        int cin = g.inC(), mult = kernel.dim(3), cout = cin * mult;
        Shapes.requireSame(g.layer() + " output gradient", dY.shape(), g.outputShape(cout));
        int h = g.inH(), w = g.inW(), outH = g.outH(), outW = g.outW(), kh = g.kh(), kw = g.kw();
        Tensor dX = Tensor.zeros(g.batch(), h, w, cin);
        float[] k = kernel.data(), dy = dY.data(), dx = dX.data();
        for (int b = 0; b < g.batch(); b++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int src = ((b * outH + oy) * outW + ox) * cout;
                    for (int ty = 0; ty < kh; ty++) {
                        int iy = oy * g.strideH() - g.padTop() + ty * g.dilationH();
                        if (iy < 0 || iy >= h) continue;
                        for (int tx = 0; tx < kw; tx++) {
                            int ix = ox * g.strideW() - g.padLeft() + tx * g.dilationW();
                            if (ix < 0 || ix >= w) continue;
                            int dst = ((b * h + iy) * w + ix) * cin;
                            int kk = (ty * kw + tx) * cout;      // kernel (ty, tx, c, m) at kk + c·mult + m
                            if (mult == 1) {                     // the common case: one contiguous, vectorisable row
                                for (int c = 0; c < cin; c++) dx[dst + c] += dy[src + c] * k[kk + c];
                                continue;
                            }
                            for (int c = 0; c < cin; c++) {
                                float s = 0;
                                for (int mm = 0; mm < mult; mm++) s += dy[src + c * mult + mm] * k[kk + c * mult + mm];
                                dx[dst + c] += s;
                            }
                        }
                    }
                }
            }
        }
        return dX;
    }

    /**
     * dJ/dX of a Conv2DTranspose without bias and activation: an im2col of dY (taps outside dY read
     * zero) times the kernel, chunk by chunk (see the class comment).
     *
     * @param g      the forward pass's geometry (input size, strides, dilation, padding, output
     *               padding)
     * @param kernel the layer's kernel as Keras stores it, {@code (kh, kw, cout, cin)}
     * @param dY     dJ/d(pre-activation output), {@code [N, outH, outW, cout]}
     * @return dJ/dX, a new {@code [N, inH, inW, cin]} tensor
     * @throws IllegalArgumentException with both shapes when {@code dY} is not the geometry's output
     *                                  shape
     */
    public static Tensor transpose(TransposeGeometry g, Tensor kernel, Tensor dY) {
        int kh = g.kh(), kw = g.kw(), cout = kernel.dim(2), cin = kernel.dim(3);
        Shapes.requireSame("Conv2DTranspose output gradient", dY.shape(), g.outputShape(cout));
        int patch = kh * kw * cout, rows = g.batch() * g.inH() * g.inW();
        Tensor dX = Tensor.zeros(g.batch(), g.inH(), g.inW(), cin);
        DenseMatrix b = DenseMatrix.of(kernel.data(), patch, cin);
        int chunk = Math.max(1, Math.min(rows, CHUNK_FLOATS / Math.max(1, patch)));
        float[] cols = new float[chunk * patch];
        float[] dy = dY.data();
        int outH = g.outH(), outW = g.outW();
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            int m = Math.min(chunk, rows - r0);
            // im2col of dY for input pixels [r0, r0+m): taps outside dY read zero.
            Arrays.fill(cols, 0, m * patch, 0f);
            for (int r = 0; r < m; r++) {
                int pix = r0 + r;
                int j = pix % g.inW(), i = (pix / g.inW()) % g.inH(), bb = pix / (g.inW() * g.inH());
                for (int ty = 0; ty < kh; ty++) {
                    int oy = i * g.strideH() + ty * g.dilationH() - g.padTop();
                    if (oy < 0 || oy >= outH) continue;
                    for (int tx = 0; tx < kw; tx++) {
                        int ox = j * g.strideW() + tx * g.dilationW() - g.padLeft();
                        if (ox < 0 || ox >= outW) continue;
                        System.arraycopy(dy, ((bb * outH + oy) * outW + ox) * cout, cols, r * patch + (ty * kw + tx) * cout, cout);
                    }
                }
            }
            Gemms.defaultGemm().multiply(m, cin, patch, DenseMatrix.of(cols, m, patch), b, dX.data(), r0 * cin, cin, Epilogue.NONE);
        }
        return dX;
    }

    /**
     * dJ/dX of a Dense layer without bias and activation, on any rank: dX = dY · Kᵀ with the last
     * axis as the matrix columns: every leading index (batch, and height and width on an image) is
     * one GEMM row.
     *
     * @param kernel     the Dense kernel as Keras stores it, {@code (in, out)}
     * @param inputShape the shape of the layer's input, whose last axis is {@code in}
     * @param dY         dJ/d(pre-activation output): {@code inputShape} with the last axis
     *                   {@code out}; its shape is not checked
     * @return dJ/dX, a new tensor of {@code inputShape}
     */
    public static Tensor dense(Tensor kernel, int[] inputShape, Tensor dY) {
        int in = kernel.dim(0), out = kernel.dim(1);
        int rows = dY.size() / out;
        float[] k = kernel.data();
        float[] kt = new float[out * in];                       // Kᵀ: out × in
        for (int p = 0; p < in; p++) for (int j = 0; j < out; j++) kt[j * in + p] = k[p * out + j];
        Tensor dX = Tensor.zeros(inputShape);
        Gemms.defaultGemm().multiply(rows, in, out, DenseMatrix.of(dY.data(), rows, out), DenseMatrix.of(kt, out, in),
                dX.data(), 0, in, Epilogue.NONE);
        return dX;
    }
}
