package org.convscope.activation;

/** Keras's {@code mish}: f(x) = x · tanh(softplus(x)), softplus computed stably. */
public final class Mish implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Mish INSTANCE = new Mish();

    private Mish() {}

    @Override public String name() { return "mish"; }

    @Override
    public float apply(float x) {
        double d = x;
        double sp = Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d)));
        return (float) (d * Math.tanh(sp));
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
