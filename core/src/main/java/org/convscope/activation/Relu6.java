package org.convscope.activation;

import org.convscope.internal.engine.Engine;
import org.convscope.internal.vector.VectorMath;

/** Keras's {@code relu6}: f(x) = min(max(x, 0), 6). */
public final class Relu6 implements ElementwiseActivation {
    /** The single instance (the function has no parameters). */
    public static final Relu6 INSTANCE = new Relu6();

    private Relu6() {}

    @Override public String name() { return "relu6"; }

    @Override
    public float apply(float x) {
        return Math.min(Math.max(x, 0f), 6f);
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        int i = from;
        if (to - from >= VectorMath.MIN_LENGTH && Engine.current().vector()) i = VectorMath.clamp(a, from, to, 0f, 6f);
        for (; i < to; i++) a[i] = apply(a[i]);
    }

    @Override public String toString() { return name(); }
}
