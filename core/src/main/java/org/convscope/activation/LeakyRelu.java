package org.convscope.activation;

/**
 * Keras's {@code leaky_relu}: f(x) = x for x ≥ 0, negative_slope·x otherwise. The activation's
 * default slope is 0.2 in Keras 3; the LeakyReLU layer's default is 0.3.
 *
 * @param negativeSlope the slope for negative inputs
 */
public record LeakyRelu(float negativeSlope) implements ElementwiseActivation {
    /** Keras 3's {@code activations.leaky_relu} default. */
    public static final LeakyRelu DEFAULT = new LeakyRelu(0.2f);

    @Override public String name() { return "leaky_relu"; }

    @Override public float apply(float x) { return x >= 0f ? x : negativeSlope * x; }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }
}
