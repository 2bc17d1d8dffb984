package org.convscope.activation;

import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * An activation applied to each value on its own, so the engine can fuse it into a GEMM's
 * epilogue. Every implementation must be stateless.
 */
public interface ElementwiseActivation extends Activation {
    /**
     * f(x).
     *
     * @param x the input value
     * @return f(x)
     */
    float apply(float x);

    /**
     * Applies f in place to {@code a[from, to)}.
     *
     * @param a the values, changed in place
     * @param from first index (inclusive)
     * @param to end index (exclusive)
     */
    default void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    @Override
    default Tensor apply(Tensor x) {
        float[] in = x.data(), out = ActivationArena.floats(in.length);
        System.arraycopy(in, 0, out, 0, in.length);
        applyInPlace(out, 0, out.length);
        return Tensor.of(out, x.shape());
    }
}
