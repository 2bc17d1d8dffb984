package org.convscope.activation;

import java.util.Locale;

/**
 * Arithmetic between a tensor and one constant, value by value, as a Keras 3 functional graph
 * records {@code x + 3.0}, {@code 2.0 * x}, {@code 1.0 - x} or {@code x / 6.0} (an op node with a
 * Python number on either side): {@code x ⊕ c}, or {@code c ⊕ x} when the constant comes first. The
 * constant is a float32 (the tensor's type, as Keras computes it) and each value is rounded once,
 * so the result has the same bits as Keras's float32 operation. Being elementwise, it can run in a
 * convolution's epilogue.
 *
 * @param op            the operation
 * @param constant      the constant, as a float
 * @param constantFirst true for {@code c ⊕ x} (matters for subtract, divide and power)
 */
public record ScalarArithmetic(Op op, float constant, boolean constantFirst) implements ElementwiseActivation {
    /** The operations, named after Keras's op classes. */
    public enum Op {
        /** {@code x + c}. */
        ADD("+"),
        /** {@code x − c} or {@code c − x}. */
        SUBTRACT("-"),
        /** {@code x · c}. */
        MULTIPLY("*"),
        /** {@code x / c} or {@code c / x} (Keras's Divide and TrueDivide). */
        DIVIDE("/"),
        /** {@code max(x, c)}. */
        MAXIMUM("max"),
        /** {@code min(x, c)}. */
        MINIMUM("min"),
        /** {@code x^c} or {@code c^x}, rounded once from double. */
        POWER("**");

        private final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        /** {@return the operator as written in Python, or the function name} */
        public String symbol() { return symbol; }
    }

    /** Checks the operation is given. */
    public ScalarArithmetic {
        if (op == null) throw new IllegalArgumentException("scalar arithmetic: op must not be null");
    }

    @Override
    public String name() {
        String c = String.format(Locale.ROOT, "%s", constant);
        return switch (op) {
            case MAXIMUM, MINIMUM -> op.symbol() + "(x, " + c + ")";
            default -> constantFirst ? c + " " + op.symbol() + " x" : "x " + op.symbol() + " " + c;
        };
    }

    @Override
    public float apply(float x) {
        float c = constant;
        return switch (op) {
            case ADD -> x + c;
            case SUBTRACT -> constantFirst ? c - x : x - c;
            case MULTIPLY -> x * c;
            case DIVIDE -> constantFirst ? c / x : x / c;
            case MAXIMUM -> Math.max(x, c);
            case MINIMUM -> Math.min(x, c);
            case POWER -> (float) (constantFirst ? Math.pow(c, x) : Math.pow(x, c));
        };
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        float c = constant;
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) a[i] = a[i] + c; }
            case MULTIPLY -> { for (int i = from; i < to; i++) a[i] = a[i] * c; }
            default -> { for (int i = from; i < to; i++) a[i] = apply(a[i]); }
        }
    }

    @Override public String toString() { return name(); }
}
