package org.convscope.activation;

/**
 * Keras's {@code elu}: f(x) = x for x > 0, alpha·(e^x − 1) otherwise (e^x − 1 via expm1).
 *
 * @param alpha the scale of the negative part
 */
public record Elu(float alpha) implements ElementwiseActivation {
    /** alpha = 1, what the activation name {@code "elu"} means. */
    public static final Elu DEFAULT = new Elu(1f);

    @Override public String name() { return "elu"; }

    @Override public float apply(float x) { return x > 0f ? x : (float) (alpha * Math.expm1(x)); }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }
}
