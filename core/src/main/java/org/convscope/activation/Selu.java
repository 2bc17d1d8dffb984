package org.convscope.activation;

/** Keras's {@code selu}: f(x) = scale·x for x > 0, scale·alpha·(e^x − 1) otherwise, with alpha ≈ 1.67326324 and scale ≈ 1.05070098 (full precision below). */
public final class Selu implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Selu INSTANCE = new Selu();

    /** The constants of Klambauer et al. in full, as tf.nn.selu and Keras 3's backends use them. */
    static final double ALPHA = 1.6732632423543772848170429916717, SCALE = 1.0507009873554804934193349852946;

    private Selu() {}

    @Override public String name() { return "selu"; }

    @Override
    public float apply(float x) {
        return x > 0 ? (float) (SCALE * x) : (float) (SCALE * ALPHA * Math.expm1(x));
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
