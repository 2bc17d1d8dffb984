package org.convscope.activation;

/** Keras's {@code softsign}: f(x) = x / (|x| + 1). */
public final class Softsign implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Softsign INSTANCE = new Softsign();

    private Softsign() {}

    @Override public String name() { return "softsign"; }

    @Override
    public float apply(float x) {
        return x / (Math.abs(x) + 1f);
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
