package org.convscope.activation;

/** Keras's {@code tanh}: f(x) = (e^x − e^(−x)) / (e^x + e^(−x)). */
public final class Tanh implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {}

    @Override public String name() { return "tanh"; }

    @Override
    public float apply(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
