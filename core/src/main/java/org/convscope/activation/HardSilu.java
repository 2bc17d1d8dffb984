package org.convscope.activation;

/** Keras 3's {@code hard_silu} (alias {@code hard_swish}): f(x) = x · relu6(x + 3) / 6, i.e. 0 below −3, x above 3. */
public final class HardSilu implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final HardSilu INSTANCE = new HardSilu();

    private HardSilu() {}

    @Override public String name() { return "hard_silu"; }

    @Override
    public float apply(float x) {
        return x * (Math.min(Math.max(x + 3f, 0f), 6f) / 6f);
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
