package org.convscope.viz.features;

import org.convscope.tensor.Tensor;

/**
 * From an unbounded raw image to valid colours in [0, 1] (Lucid's {@code to_valid_rgb} with
 * {@code decorrelate=True, sigmoid=True}).
 *
 * <p>For 3 channels, each pixel's raw values t are first mixed by the square root of ImageNet's colour
 * correlation, normalised ({@code rgb = C·t}, Lucid's {@code color_correlation_svd_sqrt} divided by
 * its largest column norm), so that independent parameters give naturally correlated colours; then
 * a sigmoid squashes each value into (0, 1). Gray images (1 channel) only get the sigmoid.
 *
 * <p>Images are NHWC. Immutable and thread-safe.
 */
public final class ColorTransform {
    /** Lucid's √(colour correlation) from ImageNet (rows: R, G, B). */
    private static final double[][] SVD_SQRT = {{0.26, 0.09, 0.02}, {0.27, 0.00, -0.05}, {0.27, -0.09, 0.03}};
    private static final float[][] C = normalised();
    private final boolean decorrelate;

    /**
     * Creates the transform.
     *
     * @param decorrelate whether to mix the colours by the correlation matrix before the sigmoid;
     *                    it has an effect on 3-channel images only
     */
    public ColorTransform(boolean decorrelate) { this.decorrelate = decorrelate; }

    private static float[][] normalised() {
        double max = 0;
        for (int j = 0; j < 3; j++) {
            double n = 0;
            for (int i = 0; i < 3; i++) n += SVD_SQRT[i][j] * SVD_SQRT[i][j];
            max = Math.max(max, Math.sqrt(n));
        }
        float[][] c = new float[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) c[i][j] = (float) (SVD_SQRT[i][j] / max);
        return c;
    }

    private boolean mixes(Tensor t) { return decorrelate && t.dim(3) == 3; }

    /**
     * From raw values to colours: sigmoid(C·t) per pixel, or sigmoid(t) value by value when the
     * colours are not mixed.
     *
     * @param raw the raw image {@code [N, H, W, C]}, any real values; not modified
     * @return the colours, a new tensor of the same shape with values in (0, 1)
     */
    public Tensor forward(Tensor raw) {
        Tensor out = mixes(raw) ? mix(raw, false) : raw.copy();
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) o[i] = (float) (1 / (1 + Math.exp(-o[i])));
        return out;
    }

    /**
     * The chain rule back through {@link #forward}: through the sigmoid (its derivative y(1 − y) read
     * off the colours), then through the mixing by its transpose Cᵀ.
     *
     * @param colours  what {@link #forward} returned
     * @param dColours dJ/d(colours), same shape
     * @return dJ/d(raw), a new tensor of the same shape
     */
    public Tensor backward(Tensor colours, Tensor dColours) {
        Tensor d = Tensor.zeros(colours.shape());
        float[] y = colours.data(), g = dColours.data(), o = d.data();
        for (int i = 0; i < o.length; i++) o[i] = g[i] * y[i] * (1 - y[i]);     // sigmoid' = y(1 − y)
        return mixes(colours) ? mix(d, true) : d;
    }

    /** Per pixel: C·t, or Cᵀ·t for the adjoint. */
    private static Tensor mix(Tensor t, boolean transpose) {
        Tensor out = Tensor.zeros(t.shape());
        float[] a = t.data(), b = out.data();
        for (int p = 0; p < a.length; p += 3) {
            for (int i = 0; i < 3; i++) {
                float s = 0;
                for (int j = 0; j < 3; j++) s += (transpose ? C[j][i] : C[i][j]) * a[p + j];
                b[p + i] = s;
            }
        }
        return out;
    }
}
