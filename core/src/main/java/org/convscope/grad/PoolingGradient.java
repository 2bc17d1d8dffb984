package org.convscope.grad;

import org.convscope.geometry.ConvGeometry;
import org.convscope.layers.AveragePooling2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.Pooling2D;
import org.convscope.tensor.Tensor;

/**
 * MaxPooling2D and AveragePooling2D. Each output cell's gradient goes back to its window's in-bounds
 * cells: all of it to the cell holding the maximum (the first one in row-major order on a tie, as
 * TensorFlow's MaxPoolGrad), or an equal share 1/count to every in-bounds cell for the average
 * (count excludes the padding, as the forward pass divides by it). Overlapping windows add up.
 */
public final class PoolingGradient implements SingleInputGradient<Pooling2D> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public PoolingGradient() {}

    @Override
    public Tensor backward(Pooling2D l, Tensor x, Tensor y, Tensor g) {
        boolean max = l instanceof MaxPooling2D;
        if (!max && !(l instanceof AveragePooling2D)) throw new IllegalArgumentException("unknown pooling " + l.getClass());
        int[] s = x.shape(), pool = l.pool(), st = l.strides();
        ConvGeometry geo = ConvGeometry.forPooling(l.kerasClass() + " '" + l.name() + "'", s[0], s[1], s[2], s[3], pool, st, l.padding());
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = geo.outH(), ow = geo.outW();
        Tensor d = Tensor.zeros(s);
        float[] xx = x.data(), gg = g.data(), dx = d.data();
        float[] best = new float[c];
        int[] arg = new int[c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                int y0 = Math.max(oy * st[0] - geo.padTop(), 0), y1 = Math.min(oy * st[0] - geo.padTop() + pool[0], h);
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = Math.max(ox * st[1] - geo.padLeft(), 0), x1 = Math.min(ox * st[1] - geo.padLeft() + pool[1], w);
                    int go = ((b * oh + oy) * ow + ox) * c;
                    if (max) {
                        // Scan the window pixel by pixel, all channels at once (contiguous in NHWC),
                        // keeping each channel's best value and where it was.
                        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
                        java.util.Arrays.fill(arg, -1);
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                int k = ((b * h + iy) * w + ix) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    if (arg[ch] < 0 || xx[k + ch] > best[ch]) { best[ch] = xx[k + ch]; arg[ch] = k + ch; }
                                }
                            }
                        }
                        for (int ch = 0; ch < c; ch++) dx[arg[ch]] += gg[go + ch];
                    } else {
                        float inv = 1f / ((y1 - y0) * (x1 - x0));
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                int k = ((b * h + iy) * w + ix) * c;
                                for (int ch = 0; ch < c; ch++) dx[k + ch] += gg[go + ch] * inv;
                            }
                        }
                    }
                }
            }
        }
        return d;
    }
}
