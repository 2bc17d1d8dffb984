package org.convscope.activation;

/** Keras's {@code softplus}: f(x) = log(1 + e^x), computed stably as max(x, 0) + log1p(e^(−|x|)) so that large x neither overflows nor loses the small part. */
public final class Softplus implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Softplus INSTANCE = new Softplus();

    private Softplus() {}

    @Override public String name() { return "softplus"; }

    @Override
    public float apply(float x) {
        double d = x;
        return (float) (Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d))));
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
