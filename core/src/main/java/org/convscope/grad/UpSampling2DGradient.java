package org.convscope.grad;

import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.layers.UpSampling2D;
import org.convscope.tensor.Tensor;

/**
 * UpSampling2D, a linear resize: its gradient sends each output cell's gradient back to the input
 * cells it was read from, with the same weights. Nearest: the one input cell
 * ({@link Resize#nearestIndex}). Bilinear (half-pixel centres, like tf.image.resize):
 * x = (o + 0.5)·in/out − 0.5, lo = max(floor x, 0), hi = min(ceil x, in − 1), t = x − floor x;
 * the weights are (1 − t) on lo and t on hi, per axis.
 */
public final class UpSampling2DGradient implements SingleInputGradient<UpSampling2D> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public UpSampling2DGradient() {}

    @Override
    public Tensor backward(UpSampling2D l, Tensor x, Tensor y, Tensor g) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = y.dim(1), ow = y.dim(2);
        boolean nearest = l.interpolation() == Interpolation.NEAREST;
        int[][] ty = taps(h, oh, nearest), tx = taps(w, ow, nearest);
        float[] wy = weights(h, oh), wx = weights(w, ow);
        Tensor d = Tensor.zeros(x.shape());
        float[] gg = g.data(), dx = d.data();
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int go = ((b * oh + oy) * ow + ox) * c;
                    if (nearest) {
                        int di = ((b * h + ty[0][oy]) * w + tx[0][ox]) * c;
                        for (int ch = 0; ch < c; ch++) dx[di + ch] += gg[go + ch];
                        continue;
                    }
                    for (int a = 0; a < 2; a++) {
                        float fa = a == 0 ? 1 - wy[oy] : wy[oy];
                        for (int e = 0; e < 2; e++) {
                            float f = fa * (e == 0 ? 1 - wx[ox] : wx[ox]);
                            int di = ((b * h + ty[a][oy]) * w + tx[e][ox]) * c;
                            for (int ch = 0; ch < c; ch++) dx[di + ch] += f * gg[go + ch];
                        }
                    }
                }
            }
        }
        return d;
    }

    /** Per output index: [0] the lower (or nearest) input index, [1] the upper one. */
    private static int[][] taps(int in, int out, boolean nearest) {
        int[][] t = new int[2][out];
        float scale = (float) in / out;
        for (int o = 0; o < out; o++) {
            if (nearest) {
                t[0][o] = Resize.nearestIndex(o, in, out);
            } else {
                float x = (o + 0.5f) * scale - 0.5f;
                t[0][o] = Math.max((int) Math.floor(x), 0);
                t[1][o] = Math.min((int) Math.ceil(x), in - 1);
            }
        }
        return t;
    }

    private static float[] weights(int in, int out) {
        float[] t = new float[out];
        float scale = (float) in / out;
        for (int o = 0; o < out; o++) {
            float x = (o + 0.5f) * scale - 0.5f;
            t[o] = x - (float) Math.floor(x);
        }
        return t;
    }
}
