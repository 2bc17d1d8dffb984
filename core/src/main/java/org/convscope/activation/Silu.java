package org.convscope.activation;

import org.convscope.internal.engine.Engine;
import org.convscope.internal.vector.VectorMath;

/** Keras's {@code silu} (alias {@code swish}): f(x) = x · sigmoid(x). */
public final class Silu implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Silu INSTANCE = new Silu();

    private Silu() {}

    @Override public String name() { return "silu"; }

    @Override
    public float apply(float x) {
        double d = x;
        return (float) (d / (1.0 + Math.exp(-d)));
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        int i = from;
        // whole vectors in float on the Vector API (the engine's width), the rest in double
        if (to - from >= VectorMath.MIN_LENGTH && Engine.current().vector()) i = VectorMath.silu(a, from, to);
        for (; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
