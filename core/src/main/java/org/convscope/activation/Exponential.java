package org.convscope.activation;

/** Keras's {@code exponential}: f(x) = e^x (overflows to +∞ above about 88.7 in float). */
public final class Exponential implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Exponential INSTANCE = new Exponential();

    private Exponential() {}

    @Override public String name() { return "exponential"; }

    @Override
    public float apply(float x) {
        return (float) Math.exp(x);
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
