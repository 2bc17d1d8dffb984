package org.convscope.reference;

import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;

/**
 * Depthwise convolution (Keras's DepthwiseConv2D): each input channel {@code c} is convolved on its
 * own with {@code mult} kernels, giving output channels {@code c·mult + m}.
 *
 * <pre>
 * out[b, oy, ox, c·mult + m] = bias[c·mult + m] + Σ_{ty, tx} in[b, oy·sh − padTop + ty·dh, ox·sw − padLeft + tx·dw, c]
 *                                                         · kernel[ty, tx, c, m]
 * </pre>
 * It is a grouped convolution with {@code groups = cin}. Output size and padding split as in
 * {@link ReferenceConv2D}.
 */
public final class ReferenceDepthwiseConv2D {
    private ReferenceDepthwiseConv2D() {}

    /**
     * The depthwise convolution as plain loops, Keras's {@code DepthwiseConv2D} (no activation).
     *
     * @param input  {@code [batch, h, w, cin]}
     * @param kernel {@code [kh, kw, cin, mult]} (Keras's depthwise_kernel)
     * @param bias   {@code [cin·mult]} or null
     * @return {@code [batch, outH, outW, cin·mult]}
     * @param dilation {@code {dh, dw}}, the dilation rate
     * @param padding {@code VALID} or {@code SAME}
     * @param strides {@code {sh, sw}}
     */
    public static Tensor depthwiseConv2d(Tensor input, Tensor kernel, Tensor bias, int[] strides, Padding padding,
                                         int[] dilation) {
        int batch = input.dim(0), h = input.dim(1), w = input.dim(2), cin = input.dim(3);
        int kh = kernel.dim(0), kw = kernel.dim(1), mult = kernel.dim(3);
        if (kernel.dim(2) != cin) {
            throw new IllegalArgumentException("reference depthwise: kernel " + java.util.Arrays.toString(kernel.shape())
                    + " does not fit input channels " + cin);
        }
        int sh = strides[0], sw = strides[1], dh = dilation[0], dw = dilation[1];
        int outH = Window.convOut(h, kh, sh, dh, padding), outW = Window.convOut(w, kw, sw, dw, padding);
        int padTop = Window.padBefore(h, outH, kh, sh, dh, padding);
        int padLeft = Window.padBefore(w, outW, kw, sw, dw, padding);
        int cout = cin * mult;

        float[] x = input.data(), k = kernel.data();
        Tensor out = Tensor.zeros(batch, outH, outW, cout);
        float[] y = out.data();
        for (int b = 0; b < batch; b++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                    for (int c = 0; c < cin; c++)
                        for (int m = 0; m < mult; m++) {
                            int co = c * mult + m;
                            double sum = bias == null ? 0 : bias.data()[co];
                            for (int ty = 0; ty < kh; ty++) {
                                int iy = oy * sh - padTop + ty * dh;
                                if (iy < 0 || iy >= h) continue;               // padding: adds zero
                                for (int tx = 0; tx < kw; tx++) {
                                    int ix = ox * sw - padLeft + tx * dw;
                                    if (ix < 0 || ix >= w) continue;
                                    sum += (double) x[((b * h + iy) * w + ix) * cin + c]
                                            * k[((ty * kw + tx) * cin + c) * mult + m];
                                }
                            }
                            y[((b * outH + oy) * outW + ox) * cout + co] = (float) sum;
                        }
        return out;
    }
}
