package org.convscope.activation;

/**
 * Keras's {@code gelu(x, approximate)}, the Gaussian error linear unit x·Φ(x).
 * <ul>
 *   <li>exact (Keras 3's default, {@code approximate=False}): 0.5·x·(1 + erf(x/√2)), evaluated as
 *   0.5·x·erfc(−x/√2) so that the far negative tail keeps its tiny values instead of cancelling
 *   to 0;</li>
 *   <li>approximate: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), evaluated as
 *   x·sigmoid(2u) with u the tanh argument (the same number, since 1 + tanh(u) = 2·sigmoid(2u)),
 *   again without cancellation.</li>
 * </ul>
 *
 * @param approximate true for the tanh approximation, false for the exact erf form
 */
public record Gelu(boolean approximate) implements ElementwiseActivation {
    /** The erf form. */
    public static final Gelu EXACT = new Gelu(false);
    /** The tanh form. */
    public static final Gelu APPROXIMATE = new Gelu(true);

    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    @Override public String name() { return approximate ? "gelu_approximate" : "gelu"; }

    @Override
    public float apply(float x) {
        double d = x;
        if (approximate) {
            double u = SQRT_2_OVER_PI * (d + 0.044715 * d * d * d);
            return (float) (d / (1 + Math.exp(-2 * u)));
        }
        return (float) (0.5 * d * Erf.erfc(-d * INV_SQRT2));
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }
}
