package org.convscope.activation;

/** Keras's {@code linear}: the identity, f(x) = x. */
public final class Linear implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Linear INSTANCE = new Linear();

    private Linear() {}

    @Override public String name() { return "linear"; }

    @Override
    public float apply(float x) {
        return x;
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
