package org.convscope.viz.features;

import java.util.Random;
import org.convscope.tensor.Tensor;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * An image parameterised by its Fourier spectrum, scaled so that every frequency starts with about
 * the same power in the image as natural images have (Lucid's {@code fft_image}, Olah et al.,
 * "Feature Visualization", Distill 2017).
 *
 * <p>Per channel, with N = H·W and P the complex parameters (one per frequency):
 * <pre>
 *   f[k, l]     = √(fy[k]² + fx[l]²)                  (fy, fx: numpy's fftfreq)
 *   scale[k, l] = √N / max(f, 1/max(H, W))^decay      (a 1/f spectrum for decay = 1)
 *   raw         = Re(IDFT(scale · P)) / 4             (IDFT includes the 1/N)
 * </pre>
 * Gradient steps on P then move every frequency at a similar rate, instead of the high
 * frequencies that dominate pixel-space gradients. Lucid keeps only the half-spectrum of a real
 * FFT; here P covers the full spectrum and the real part is taken, which spans the same images
 * (the conjugate bins share the work). The FFTs are JTransforms'.
 *
 * <p>The adjoint used by {@link #backward}: for real g, Σ g·Re(IDFT(Z)) = (1/N) Σ (Zr·Gr + Zi·Gi)
 * with G = DFT(g), so dJ/dZ = DFT(g)/N.
 *
 * <p>Mutable and not thread-safe: the optimiser updates {@link #params()} in place. Use one instance
 * per ascent run.
 */
public final class FourierImage {
    private final int h, w, c;
    private final float[] scale;          // per frequency, H·W
    private final float[][] params;       // per channel, interleaved re/im, H·2W
    private final FloatFFT_2D fft;

    /**
     * Creates the parameters of an H×W image with C channels, drawn from a normal distribution.
     *
     * @param h      image height, &gt;= 1
     * @param w      image width, &gt;= 1
     * @param c      channels (1 for gray, 3 for RGB)
     * @param sd     standard deviation of the seeded normal start values (Lucid: 0.01)
     * @param decay  power of the 1/f spectrum (Lucid: 1)
     * @param random draws the start values (real then imaginary part of each frequency, channel by
     *               channel); a seeded one makes the start reproducible
     */
    public FourierImage(int h, int w, int c, double sd, double decay, Random random) {
        this.h = h;
        this.w = w;
        this.c = c;
        this.fft = new FloatFFT_2D(h, w);
        this.scale = new float[h * w];
        double floor = 1.0 / Math.max(h, w), rootN = Math.sqrt((double) h * w);
        for (int k = 0; k < h; k++) {
            double fy = fftfreq(k, h);
            for (int l = 0; l < w; l++) {
                double fx = fftfreq(l, w);
                double f = Math.sqrt(fy * fy + fx * fx);
                scale[k * w + l] = (float) (rootN / Math.pow(Math.max(f, floor), decay));
            }
        }
        this.params = new float[c][2 * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < params[ch].length; i++) params[ch][i] = (float) (sd * random.nextGaussian());
        }
    }

    /** numpy's fftfreq(n)[k]: k/n for k &lt; ceil(n/2), (k − n)/n after. */
    static double fftfreq(int k, int n) {
        return (k < (n + 1) / 2 ? k : k - n) / (double) n;
    }

    /**
     * The parameters P, which the optimiser updates in place.
     *
     * @return the live arrays (not a copy): {@code params()[ch]} holds the H·W complex values of
     *         channel ch, row-major over the frequencies, real and imaginary parts interleaved
     */
    public float[][] params() { return params; }

    /**
     * The image the parameters stand for: per channel Re(IDFT(scale·P))/4.
     *
     * @return a new raw image {@code [1, H, W, C]} (unbounded values; see {@link ColorTransform} for
     *         [0,1])
     */
    public Tensor image() {
        Tensor out = Tensor.zeros(1, h, w, c);
        float[] o = out.data();
        float[] z = new float[2 * h * w];
        for (int ch = 0; ch < c; ch++) {
            float[] p = params[ch];
            for (int i = 0; i < h * w; i++) {
                z[2 * i] = p[2 * i] * scale[i];
                z[2 * i + 1] = p[2 * i + 1] * scale[i];
            }
            fft.complexInverse(z, true);                 // true: divide by N
            for (int i = 0; i < h * w; i++) o[i * c + ch] = z[2 * i] / 4f;
        }
        return out;
    }

    /**
     * The chain rule back through {@link #image()}: dJ/dP = scale·DFT(g)/(4N) per channel (see the
     * class comment for the adjoint).
     *
     * @param dImage dJ/d(raw image), {@code [1, H, W, C]}
     * @return dJ/dP, new arrays in the layout of {@link #params()}
     */
    public float[][] backward(Tensor dImage) {
        float[] g = dImage.data();
        float[][] dp = new float[c][2 * h * w];
        float inv = 1f / (4f * h * w);
        for (int ch = 0; ch < c; ch++) {
            float[] z = dp[ch];
            for (int i = 0; i < h * w; i++) {
                z[2 * i] = g[i * c + ch];
                z[2 * i + 1] = 0;
            }
            fft.complexForward(z);
            for (int i = 0; i < h * w; i++) {
                z[2 * i] *= scale[i] * inv;
                z[2 * i + 1] *= scale[i] * inv;
            }
        }
        return dp;
    }
}
