package org.convscope.reference;

import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;

/**
 * Max and average pooling as plain loops (Keras's MaxPooling2D / AveragePooling2D, NHWC).
 *
 * <pre>
 * out[b, oy, ox, c] = max / mean over  in[b, oy·sh − padTop + ty, ox·sw − padLeft + tx, c]
 *                     for ty &lt; ph, tx &lt; pw, and only where that cell lies inside the image.
 * </pre>
 * Output size (per axis, pool k, stride s): valid {@code floor((in − k) / s) + 1}, same
 * {@code ceil(in / s)}. Same padding adds {@code total = max((out − 1)·s + k − in, 0)} cells:
 * {@code floor(total / 2)} before (top/left) and the rest after (bottom/right), TensorFlow's split.
 *
 * <p>Padding cells never count: max pooling behaves as if they held −∞, and average pooling divides
 * by the number of cells that are inside the image, not by ph·pw — what TensorFlow does.
 */
public final class ReferencePooling {
    private ReferencePooling() {}

    /**
     * Max pooling of {@code [batch, h, w, c]}.
     *
     * @param input {@code [batch, h, w, c]}
     * @param padding {@code VALID} or {@code SAME}
     * @param pool the window {@code {ph, pw}}
     * @param strides {@code {sh, sw}}, or null for the pool size
     * @return {@code [batch, outH, outW, c]}
     */
    public static Tensor maxPool(Tensor input, int[] pool, int[] strides, Padding padding) {
        return pool(input, pool, strides, padding, true);
    }

    /**
     * Average pooling of {@code [batch, h, w, c]}.
     *
     * @param input {@code [batch, h, w, c]}
     * @param padding {@code VALID} or {@code SAME}
     * @param pool the window {@code {ph, pw}}
     * @param strides {@code {sh, sw}}, or null for the pool size
     * @return {@code [batch, outH, outW, c]}
     */
    public static Tensor averagePool(Tensor input, int[] pool, int[] strides, Padding padding) {
        return pool(input, pool, strides, padding, false);
    }

    private static Tensor pool(Tensor input, int[] pool, int[] strides, Padding padding, boolean max) {
        int batch = input.dim(0), h = input.dim(1), w = input.dim(2), channels = input.dim(3);
        int ph = pool[0], pw = pool[1], sh = strides[0], sw = strides[1];
        int outH = Window.convOut(h, ph, sh, 1, padding), outW = Window.convOut(w, pw, sw, 1, padding);
        int padTop = Window.padBefore(h, outH, ph, sh, 1, padding);
        int padLeft = Window.padBefore(w, outW, pw, sw, 1, padding);

        Tensor out = Tensor.zeros(batch, outH, outW, channels);
        for (int b = 0; b < batch; b++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                    for (int c = 0; c < channels; c++) {
                        double best = Double.NEGATIVE_INFINITY, sum = 0;
                        int count = 0;
                        for (int ty = 0; ty < ph; ty++) {
                            int iy = oy * sh - padTop + ty;
                            if (iy < 0 || iy >= h) continue;               // padding row: not counted
                            for (int tx = 0; tx < pw; tx++) {
                                int ix = ox * sw - padLeft + tx;
                                if (ix < 0 || ix >= w) continue;           // padding column: not counted
                                float v = input.get(b, iy, ix, c);
                                best = Math.max(best, v);
                                sum += v;
                                count++;
                            }
                        }
                        out.set((float) (max ? best : sum / count), b, oy, ox, c);
                    }
        return out;
    }
}
