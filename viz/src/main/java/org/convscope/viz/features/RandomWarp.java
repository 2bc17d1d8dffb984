package org.convscope.viz.features;

import org.convscope.tensor.Tensor;

/**
 * One random geometric transformation of an image, differentiable: a shift (jitter), a scale and a
 * rotation about the centre, sampled bilinearly, with the area outside the image filled with a
 * constant (Lucid's {@code standard_transforms}: pad with 0.5, jitter, random_scale,
 * random_rotate, jitter — here folded into one warp so the output keeps the model's input size).
 * Making the objective survive such perturbations keeps the optimiser from exploiting one exact
 * pixel alignment, which otherwise gives high-frequency noise.
 *
 * <p>Output pixel p reads the image at q = c + R(−θ)·(p − c − t)/s (c the centre, t the shift);
 * each of the four bilinear taps outside the image reads {@code fill}. Only the first image of
 * the batch is warped, so images are {@code [1, H, W, C]}.
 *
 * <p>Immutable; {@link #forward} and {@link #backward} allocate their results.
 *
 * @param dy    shift down, pixels
 * @param dx    shift right, pixels
 * @param scale zoom factor s (1 = none)
 * @param angle rotation θ in degrees
 * @param fill  value outside the image
 */
public record RandomWarp(double dy, double dx, double scale, double angle, float fill) {
    /** {@return the identity warp: no shift, scale 1, no rotation (fill 0.5, which it never reads)} */
    public static RandomWarp none() { return new RandomWarp(0, 0, 1, 0, 0.5f); }

    /**
     * Warps an image.
     *
     * @param img the image {@code [1, H, W, C]}; not modified
     * @return the warped image, a new tensor of the same shape
     */
    public Tensor forward(Tensor img) {
        return apply(img, null, null);
    }

    /**
     * The adjoint of the bilinear sampling: each output pixel's gradient goes back to its four taps
     * with the weights it was read with; taps outside the image (which read {@code fill}) get nothing.
     *
     * @param img     the image that was warped (only its shape is used)
     * @param dWarped dJ/d(warped image), {@code [1, H, W, C]}
     * @return dJ/d(image), a new tensor of the image's shape
     */
    public Tensor backward(Tensor img, Tensor dWarped) {
        Tensor d = Tensor.zeros(img.shape());
        apply(img, dWarped, d);
        return d;
    }

    private Tensor apply(Tensor img, Tensor g, Tensor dImg) {
        int h = img.dim(1), w = img.dim(2), c = img.dim(3);
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        double th = Math.toRadians(angle), cos = Math.cos(th), sin = Math.sin(th);
        Tensor out = g == null ? Tensor.zeros(img.shape()) : null;
        float[] src = img.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double vy = (y - cy - dy) / scale, vx = (x - cx - dx) / scale;
                double qy = cy + cos * vy + sin * vx, qx = cx - sin * vy + cos * vx;     // R(−θ)
                int y0 = (int) Math.floor(qy), x0 = (int) Math.floor(qx);
                double fy = qy - y0, fx = qx - x0;
                int o = (y * w + x) * c;
                for (int t = 0; t < 4; t++) {
                    int ty = y0 + (t >> 1), tx = x0 + (t & 1);
                    double wt = ((t >> 1) == 1 ? fy : 1 - fy) * ((t & 1) == 1 ? fx : 1 - fx);
                    if (wt == 0) continue;
                    boolean inside = ty >= 0 && ty < h && tx >= 0 && tx < w;
                    int s = (ty * w + tx) * c;
                    for (int ch = 0; ch < c; ch++) {
                        if (g == null) {
                            out.data()[o + ch] += (float) (wt * (inside ? src[s + ch] : fill));
                        } else if (inside) {
                            dImg.data()[s + ch] += (float) (wt * g.data()[o + ch]);
                        }
                    }
                }
            }
        }
        return out;
    }
}
