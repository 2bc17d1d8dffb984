package org.convscope.activation;

/**
 * The ThresholdedReLU layer's function: f(x) = x for x > theta, 0 otherwise.
 *
 * @param theta the threshold
 */
public record ThresholdedRelu(float theta) implements ElementwiseActivation {
    @Override public String name() { return "thresholded_relu"; }

    @Override public float apply(float x) { return x > theta ? x : 0f; }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }
}
