package org.convscope.grad;

import org.convscope.conv.ConvGeometry;
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
    @Override
    public Tensor backward(Pooling2D l, Tensor x, Tensor y, Tensor g) {
        boolean max = l instanceof MaxPooling2D;
        if (!max && !(l instanceof AveragePooling2D)) throw new IllegalArgumentException("unknown pooling " + l.getClass());
        int[] s = x.shape(), pool = l.pool(), st = l.strides();
        ConvGeometry geo = ConvGeometry.forPooling(l.kerasClass() + " '" + l.name() + "'", s[0], s[1], s[2], s[3], pool, st, l.padding());
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = geo.outH(), ow = geo.outW();
        Tensor d = Tensor.zeros(s);
        float[] xx = x.data(), gg = g.data(), dx = d.data();
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                int y0 = Math.max(oy * st[0] - geo.padTop(), 0), y1 = Math.min(oy * st[0] - geo.padTop() + pool[0], h);
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = Math.max(ox * st[1] - geo.padLeft(), 0), x1 = Math.min(ox * st[1] - geo.padLeft() + pool[1], w);
                    int go = ((b * oh + oy) * ow + ox) * c;
                    for (int ch = 0; ch < c; ch++) {
                        if (max) {
                            int arg = -1;
                            float best = Float.NEGATIVE_INFINITY;
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) {
                                    int k = ((b * h + iy) * w + ix) * c + ch;
                                    if (arg < 0 || xx[k] > best) { best = xx[k]; arg = k; }
                                }
                            }
                            dx[arg] += gg[go + ch];
                        } else {
                            float share = gg[go + ch] / ((y1 - y0) * (x1 - x0));
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) dx[((b * h + iy) * w + ix) * c + ch] += share;
                            }
                        }
                    }
                }
            }
        }
        return d;
    }
}
