package org.convscope.activation;

import java.util.Locale;

/**
 * The elementwise functions of {@code keras.ops} that are not activations but appear in saved
 * functional graphs as op nodes: {@code clip}, {@code negative}, {@code abs}, {@code square},
 * {@code sqrt}, {@code exp}, {@code log}, {@code reciprocal}. Each value is computed in double and
 * rounded once to float ({@code clip}, {@code negative}, {@code abs}, {@code square} and
 * {@code reciprocal} exactly as float32 arithmetic does).
 *
 * @param function the function
 * @param min      clip's lower bound (ignored by the others)
 * @param max      clip's upper bound (ignored by the others)
 */
public record UnaryMath(Function function, float min, float max) implements ElementwiseActivation {
    /** The functions. */
    public enum Function {
        /** {@code min(max(x, lo), hi)}. */
        CLIP,
        /** {@code −x}. */
        NEGATIVE,
        /** {@code |x|}. */
        ABSOLUTE,
        /** {@code x·x}. */
        SQUARE,
        /** {@code √x}. */
        SQRT,
        /** {@code eˣ}. */
        EXP,
        /** {@code ln x}. */
        LOG,
        /** {@code 1/x}. */
        RECIPROCAL
    }

    /**
     * A function without parameters.
     *
     * @param function any function but {@link Function#CLIP}
     * @return the activation
     */
    public static UnaryMath of(Function function) {
        if (function == Function.CLIP) throw new IllegalArgumentException("clip needs bounds: use clip(min, max)");
        return new UnaryMath(function, 0, 0);
    }

    /**
     * Keras's {@code ops.clip(x, x_min, x_max)}.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return the activation
     */
    public static UnaryMath clip(float min, float max) { return new UnaryMath(Function.CLIP, min, max); }

    /** Checks the function is given. */
    public UnaryMath {
        if (function == null) throw new IllegalArgumentException("unary function must not be null");
    }

    @Override
    public String name() {
        return function == Function.CLIP ? String.format(Locale.ROOT, "clip(x, %s, %s)", min, max) : function.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public float apply(float x) {
        return switch (function) {
            case CLIP -> Math.min(Math.max(x, min), max);
            case NEGATIVE -> -x;
            case ABSOLUTE -> Math.abs(x);
            case SQUARE -> x * x;
            case SQRT -> (float) Math.sqrt(x);
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case RECIPROCAL -> 1f / x;
        };
    }

    @Override public String toString() { return name(); }
}
