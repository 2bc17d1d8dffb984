package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.tensor.Tensor;

/** Helpers for the convolution tests: seeded random tensors, comparisons that explain failures. */
public final class TestTensors {
    private TestTensors() {}

    /** Uniform values in [-1, 1). */
    public static Tensor random(SplittableRandom rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return t;
    }

    /**
     * Fails unless the shapes agree and max|actual − expected| <= relTol · max|expected|, printing the
     * case, the first mismatching values and the max error.
     */
    public static void assertClose(String what, Tensor expected, Tensor actual, double relTol) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        double tol = relTol * Math.max(expected.maxAbs(), 1e-30);
        float[] e = expected.data(), a = actual.data();
        double max = 0;
        StringBuilder first = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) e[i] - a[i]);
            if (!(d <= tol)) {
                if (shown++ < 5) first.append(String.format("  [%d] expected %.7g got %.7g%n", i, e[i], a[i]));
                max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
            }
        }
        if (shown > 0) {
            fail(what + ": " + shown + " of " + e.length + " values differ; max|err| " + max + " > tol " + tol
                    + " (max|ref| " + expected.maxAbs() + ")\n" + first);
        }
    }

    /** Exact comparison with hand-computed values. */
    public static void assertExact(String what, float[] expected, Tensor actual, int... shape) {
        if (!Arrays.equals(shape, actual.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(shape));
        }
        if (!Arrays.equals(expected, actual.data())) {
            fail(what + ": expected " + Arrays.toString(expected) + "\n got      " + Arrays.toString(actual.data()));
        }
    }

    /** relu, elementwise: fused into the GEMM epilogue. */
    public static final ElementwiseActivation RELU = new ElementwiseActivation() {
        @Override public String name() { return "relu"; }
        @Override public float apply(float x) { return x > 0 ? x : 0f; }
    };

    /** tanh, elementwise. */
    public static final ElementwiseActivation TANH = new ElementwiseActivation() {
        @Override public String name() { return "tanh"; }
        @Override public float apply(float x) { return (float) Math.tanh(x); }
    };

    /** softmax over the last axis: not elementwise, so applied after the convolution. */
    public static final Activation SOFTMAX = new Activation() {
        @Override public String name() { return "softmax"; }
        @Override public Tensor apply(Tensor x) {
            Tensor y = x.copy();
            float[] d = y.data();
            int n = x.dim(-1);
            for (int o = 0; o < d.length; o += n) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int i = 0; i < n; i++) max = Math.max(max, d[o + i]);
                for (int i = 0; i < n; i++) sum += Math.exp(d[o + i] - max);
                for (int i = 0; i < n; i++) d[o + i] = (float) (Math.exp(d[o + i] - max) / sum);
            }
            return y;
        }
    };

    /** Applies an activation (or none) the slow way, for expected values. */
    public static Tensor activate(Tensor t, Activation a) { return a == null ? t : a.apply(t); }
}
