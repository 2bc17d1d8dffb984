package org.convscope.activation;

import org.convscope.internal.engine.Engine;
import org.convscope.internal.vector.VectorMath;

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
        int i = from;
        // whole vectors in float on the Vector API (the engine's width), the rest in double
        if (to - from >= VectorMath.MIN_LENGTH && Engine.current().vector()) i = VectorMath.tanh(a, from, to);
        for (; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
