package org.convscope.reference;

import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;

/**
 * Transposed convolution (Keras's Conv2DTranspose, TensorFlow's {@code conv2d_transpose}), written
 * as a scatter: every input cell stamps the kernel, scaled by its value, onto the output.
 *
 * <pre>
 * for every input cell (b, iy, ix, ci) and kernel tap (ty, tx) and output channel co:
 *     out[b, iy·sh − padTop + ty·dh, ix·sw − padLeft + tx·dw, co] += in[b, iy, ix, ci] · kernel[ty, tx, co, ci]
 * </pre>
 * (stamps falling outside the output are dropped), then the bias is added. This is exactly the
 * adjoint (the gradient with respect to its input) of the forward convolution that maps the output
 * size back to the input size with the same kernel, which is why the kernel is stored
 * {@code (kh, kw, cout, cin)}: "in" and "out" are named from that forward convolution's side.
 *
 * <p>Output size (Keras's {@code deconv_output_length}, {@code kd = (k − 1)·d + 1}): without output
 * padding, valid {@code in·s + max(kd − s, 0)}, same {@code in·s}; with output padding {@code op},
 * {@code (in − 1)·s + kd − 2·pad + op} with pad 0 (valid) or {@code floor(kd / 2)} (same).
 * {@code padTop} is the forward convolution's top padding: 0 for valid, and for same
 * {@code floor(max((in − 1)·s + kd − out, 0) / 2)} (TensorFlow's split).
 */
public final class ReferenceConv2DTranspose {
    private ReferenceConv2DTranspose() {}

    /**
     * The transposed convolution as a scatter loop, Keras's {@code Conv2DTranspose} (no activation).
     *
     * @param input         {@code [batch, h, w, cin]}
     * @param kernel        {@code [kh, kw, cout, cin]} (Keras's layout)
     * @param bias          {@code [cout]} or null
     * @param outputPadding {@code {oph, opw}} or null (Keras's None)
     * @return {@code [batch, outH, outW, cout]}
     * @param dilation {@code {dh, dw}}, the dilation rate
     * @param padding {@code VALID} or {@code SAME}
     * @param strides {@code {sh, sw}}
     */
    public static Tensor conv2dTranspose(Tensor input, Tensor kernel, Tensor bias, int[] strides, Padding padding,
                                         int[] dilation, int[] outputPadding) {
        int batch = input.dim(0), h = input.dim(1), w = input.dim(2), cin = input.dim(3);
        int kh = kernel.dim(0), kw = kernel.dim(1), cout = kernel.dim(2);
        if (kernel.dim(3) != cin) {
            throw new IllegalArgumentException("reference conv2d_transpose: kernel " + java.util.Arrays.toString(kernel.shape())
                    + " does not fit input channels " + cin);
        }
        int sh = strides[0], sw = strides[1], dh = dilation[0], dw = dilation[1];
        int outH = Window.transposeOut(h, kh, sh, dh, padding, outputPadding == null ? null : outputPadding[0]);
        int outW = Window.transposeOut(w, kw, sw, dw, padding, outputPadding == null ? null : outputPadding[1]);
        int padTop = padding == Padding.VALID ? 0 : Math.max((h - 1) * sh + Window.dilated(kh, dh) - outH, 0) / 2;
        int padLeft = padding == Padding.VALID ? 0 : Math.max((w - 1) * sw + Window.dilated(kw, dw) - outW, 0) / 2;

        float[] x = input.data(), k = kernel.data();
        double[] acc = new double[batch * outH * outW * cout];
        for (int b = 0; b < batch; b++)
            for (int iy = 0; iy < h; iy++)
                for (int ix = 0; ix < w; ix++)
                    for (int ci = 0; ci < cin; ci++) {
                        double v = x[((b * h + iy) * w + ix) * cin + ci];
                        for (int ty = 0; ty < kh; ty++) {
                            int oy = iy * sh - padTop + ty * dh;
                            if (oy < 0 || oy >= outH) continue;                // falls outside: dropped
                            for (int tx = 0; tx < kw; tx++) {
                                int ox = ix * sw - padLeft + tx * dw;
                                if (ox < 0 || ox >= outW) continue;
                                for (int co = 0; co < cout; co++) {
                                    acc[((b * outH + oy) * outW + ox) * cout + co] += v * k[((ty * kw + tx) * cout + co) * cin + ci];
                                }
                            }
                        }
                    }
        Tensor out = Tensor.zeros(batch, outH, outW, cout);
        float[] y = out.data();
        for (int i = 0; i < acc.length; i++) y[i] = (float) (acc[i] + (bias == null ? 0 : bias.data()[i % cout]));
        return out;
    }
}
