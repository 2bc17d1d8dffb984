package org.convscope.activation;

import org.convscope.internal.engine.Engine;
import org.convscope.internal.vector.VectorMath;

/** Keras's {@code sigmoid}: f(x) = 1 / (1 + e^(−x)), computed in double (no overflow: e^(−x) = ∞ just gives 0). */
public final class Sigmoid implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {}

    @Override public String name() { return "sigmoid"; }

    @Override
    public float apply(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        int i = from;
        // whole vectors in float on the Vector API (the engine's width), the rest in double
        if (to - from >= VectorMath.MIN_LENGTH && Engine.current().vector()) i = VectorMath.sigmoid(a, from, to);
        for (; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
