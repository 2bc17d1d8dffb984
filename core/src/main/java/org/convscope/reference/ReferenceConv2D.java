package org.convscope.reference;

import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;

/**
 * The 2-D convolution as seven nested loops (Keras's Conv2D, which like every deep-learning
 * "convolution" is really a cross-correlation: the kernel is not flipped).
 *
 * <pre>
 * out[b, oy, ox, co] = bias[co] + Σ_{ty, tx, ci} in[b, oy·sh − padTop + ty·dh, ox·sw − padLeft + tx·dw, g·cinG + ci]
 *                                              · kernel[ty, tx, ci, co]
 * </pre>
 * where {@code g = co / coutG} is the group of output channel {@code co}: with {@code groups} groups
 * the input channels are cut into groups of {@code cinG = cin / groups} and the output channels into
 * groups of {@code coutG = cout / groups}, and group g's outputs see only group g's inputs.
 * Reads outside the image are zero (the padding).
 *
 * <p>Output size: valid {@code floor((in − kd) / s) + 1}, same {@code ceil(in / s)} with
 * {@code kd = (k − 1)·d + 1}; same padding puts {@code floor(total / 2)} rows on top and the rest at
 * the bottom, {@code total = max((out − 1)·s + kd − in, 0)} (likewise left/right).
 */
public final class ReferenceConv2D {
    private ReferenceConv2D() {}

    /**
     * The seven-loop convolution, Keras's {@code Conv2D} (no activation).
     *
     * @param input  {@code [batch, h, w, cin]}
     * @param kernel {@code [kh, kw, cin / groups, cout]} (Keras's layout)
     * @param bias   {@code [cout]} or null
     * @return {@code [batch, outH, outW, cout]}
     * @param dilation {@code {dh, dw}}, the dilation rate
     * @param groups number of groups (1 for an ordinary convolution)
     * @param padding {@code VALID} or {@code SAME}
     * @param strides {@code {sh, sw}}
     */
    public static Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, int[] strides, Padding padding,
                                int[] dilation, int groups) {
        int batch = input.dim(0), h = input.dim(1), w = input.dim(2), cin = input.dim(3);
        int kh = kernel.dim(0), kw = kernel.dim(1), cinG = kernel.dim(2), cout = kernel.dim(3);
        int sh = strides[0], sw = strides[1], dh = dilation[0], dw = dilation[1];
        if (cinG * groups != cin || cout % groups != 0) {
            throw new IllegalArgumentException("reference conv2d: kernel " + java.util.Arrays.toString(kernel.shape())
                    + " does not fit input channels " + cin + " with groups " + groups);
        }
        int coutG = cout / groups;

        int outH = Window.convOut(h, kh, sh, dh, padding), outW = Window.convOut(w, kw, sw, dw, padding);
        int padTop = Window.padBefore(h, outH, kh, sh, dh, padding);
        int padLeft = Window.padBefore(w, outW, kw, sw, dw, padding);

        float[] x = input.data(), k = kernel.data();
        Tensor out = Tensor.zeros(batch, outH, outW, cout);
        float[] y = out.data();
        for (int b = 0; b < batch; b++)                                        // 1. batch
            for (int oy = 0; oy < outH; oy++)                                  // 2. output row
                for (int ox = 0; ox < outW; ox++)                              // 3. output column
                    for (int co = 0; co < cout; co++) {                        // 4. output channel
                        int g = co / coutG;
                        double sum = bias == null ? 0 : bias.data()[co];
                        for (int ty = 0; ty < kh; ty++) {                      // 5. kernel row
                            int iy = oy * sh - padTop + ty * dh;
                            if (iy < 0 || iy >= h) continue;                   //    padding row: adds zero
                            for (int tx = 0; tx < kw; tx++) {                  // 6. kernel column
                                int ix = ox * sw - padLeft + tx * dw;
                                if (ix < 0 || ix >= w) continue;               //    padding column: adds zero
                                for (int ci = 0; ci < cinG; ci++) {            // 7. input channel (of group g)
                                    float xv = x[((b * h + iy) * w + ix) * cin + g * cinG + ci];
                                    float kv = k[((ty * kw + tx) * cinG + ci) * cout + co];
                                    sum += (double) xv * kv;
                                }
                            }
                        }
                        y[((b * outH + oy) * outW + ox) * cout + co] = (float) sum;
                    }
        return out;
    }
}
