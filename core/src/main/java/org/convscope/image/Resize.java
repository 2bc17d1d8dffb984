package org.convscope.image;

import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Resizes an NHWC batch exactly like {@code tf.image.resize(images, size, method)} with
 * {@code antialias=False} (TensorFlow 2: half-pixel centres, no corner alignment).
 *
 * <p>Both methods map an output index {@code o} back into input coordinates with
 * {@code scale = inSize / outSize} (a float, as TensorFlow computes it):
 * <ul>
 *   <li><b>nearest</b>: {@code i = floor((o + 0.5) · scale)}, clamped to {@code [0, in−1]} —
 *   the input pixel whose area contains the output pixel's centre.</li>
 *   <li><b>bilinear</b>: {@code x = (o + 0.5) · scale − 0.5} (centre to centre);
 *   {@code lo = max(floor(x), 0)}, {@code hi = min(ceil(x), in−1)}, {@code t = x − floor(x)};
 *   the value is {@code v[lo] + (v[hi] − v[lo]) · t}, first along the width, then the height.
 *   Near the borders, x is below 0 or above in−1 and the clamping repeats the edge pixel.</li>
 * </ul>
 * The output is always float (TensorFlow returns float32 for bilinear; for nearest it keeps the
 * dtype, which for our float input is the same).
 */
public final class Resize {
    private Resize() {}

    /**
     * Resizes {@code images} ([N,H,W,C]) to {@code [N,outH,outW,C]}.
     *
     * @param images images {@code [N, H, W, C]}
     * @param method nearest or bilinear
     * @param outH output height
     * @param outW output width
     * @return the resized images, a new tensor
     */
    public static Tensor resize(Tensor images, int outH, int outW, Interpolation method) {
        Shapes.requireRank("resize", images.shape(), 4);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("resize: target size must be positive, got " + outH + "x" + outW);
        }
        int n = images.dim(0), h = images.dim(1), w = images.dim(2), c = images.dim(3);
        if (h == 0 || w == 0) throw new IllegalArgumentException("resize: empty image of shape " + Shapes.toString(images.shape()));
        Tensor out = Tensor.zeros(n, outH, outW, c);
        if (method == Interpolation.NEAREST) nearest(images.data(), n, h, w, c, out.data(), outH, outW);
        else bilinear(images.data(), n, h, w, c, out.data(), outH, outW);
        return out;
    }

    /**
     * The input index that nearest-neighbour resizing reads for output index {@code o}.
     *
     * @param inSize input size on that axis
     * @param o output index
     * @param outSize output size on that axis
     * @return the input index
     */
    public static int nearestIndex(int o, int inSize, int outSize) {
        float scale = (float) inSize / outSize;
        int i = (int) Math.floor((o + 0.5f) * scale);
        return Math.max(0, Math.min(i, inSize - 1));
    }

    private static void nearest(float[] in, int n, int h, int w, int c, float[] out, int oh, int ow) {
        int[] ys = new int[oh], xs = new int[ow];
        for (int y = 0; y < oh; y++) ys[y] = nearestIndex(y, h, oh);
        for (int x = 0; x < ow; x++) xs[x] = nearestIndex(x, w, ow);
        int o = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    System.arraycopy(in, ((b * h + ys[y]) * w + xs[x]) * c, out, o, c);
                    o += c;
                }
            }
        }
    }

    /** Sample positions for bilinear resizing along one axis: lower index, upper index, weight. */
    record Taps(int[] lo, int[] hi, float[] t) {
        static Taps of(int inSize, int outSize) {
            float scale = (float) inSize / outSize;
            int[] lo = new int[outSize], hi = new int[outSize];
            float[] t = new float[outSize];
            for (int o = 0; o < outSize; o++) {
                float x = (o + 0.5f) * scale - 0.5f;
                float f = (float) Math.floor(x);
                lo[o] = Math.max((int) f, 0);
                hi[o] = Math.min((int) Math.ceil(x), inSize - 1);
                t[o] = x - f;
            }
            return new Taps(lo, hi, t);
        }
    }

    private static void bilinear(float[] in, int n, int h, int w, int c, float[] out, int oh, int ow) {
        Taps ty = Taps.of(h, oh), tx = Taps.of(w, ow);
        int o = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                int top = (b * h + ty.lo()[y]) * w, bottom = (b * h + ty.hi()[y]) * w;
                float dy = ty.t()[y];
                for (int x = 0; x < ow; x++) {
                    int l = tx.lo()[x], r = tx.hi()[x];
                    float dx = tx.t()[x];
                    for (int ch = 0; ch < c; ch++) {
                        float tl = in[(top + l) * c + ch], tr = in[(top + r) * c + ch];
                        float bl = in[(bottom + l) * c + ch], br = in[(bottom + r) * c + ch];
                        float topV = tl + (tr - tl) * dx;
                        float botV = bl + (br - bl) * dx;
                        out[o++] = topV + (botV - topV) * dy;
                    }
                }
            }
        }
    }
}
