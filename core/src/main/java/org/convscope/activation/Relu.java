package org.convscope.activation;

import org.convscope.internal.engine.Engine;
import org.convscope.internal.vector.VectorMath;

/**
 * Keras's general {@code relu(x, negative_slope, max_value, threshold)}, also used by the ReLU
 * layer. The computation follows Keras 3's {@code ReLU.static_call} step by step:
 * <pre>
 *   y = x > threshold ? x : 0          (plain max(x, 0) when threshold == 0)
 *   y = min(max(y, 0), max_value)      (only when max_value is set)
 *   y = y − negative_slope · max(threshold − x, 0)
 * </pre>
 * So for the usual parameters: x ≥ max_value → max_value; threshold &lt; x &lt; max_value → x;
 * x &lt; threshold → negative_slope·(x − threshold). Note that x == threshold gives 0 (Keras
 * compares with a strict "greater"), not threshold as the layer's docstring suggests.
 *
 * @param maxValue null for no upper limit
 * @param negativeSlope the slope below the threshold
 * @param threshold values at or below it are mapped to the sloped part
 */
public record Relu(Float maxValue, float negativeSlope, float threshold) implements ElementwiseActivation {
    /** Plain relu: max(x, 0). */
    public static final Relu PLAIN = new Relu(null, 0f, 0f);

    /** Checks the arguments (none may be negative; {@code maxValue} may be null). */
    public Relu {
        if (maxValue != null && (maxValue.isNaN() || maxValue < 0)) {
            throw new IllegalArgumentException("relu: max_value must be >= 0, got " + maxValue);
        }
        if (Float.isNaN(negativeSlope) || Float.isNaN(threshold)) {
            throw new IllegalArgumentException("relu: negative_slope and threshold must be numbers, got "
                    + negativeSlope + ", " + threshold);
        }
    }

    @Override public String name() { return "relu"; }

    /** {@return true for plain max(x, 0)} */
    public boolean isPlain() { return maxValue == null && negativeSlope == 0f && threshold == 0f; }

    @Override
    public float apply(float x) {
        float y = threshold != 0f ? (x > threshold ? x : 0f) : Math.max(x, 0f);
        if (maxValue != null) y = Math.min(Math.max(y, 0f), maxValue);
        if (negativeSlope != 0f) y -= negativeSlope * Math.max(threshold - x, 0f);
        return y;
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        boolean clamp = negativeSlope == 0f && threshold == 0f;     // max(x, 0), or min(max(x, 0), max_value)
        float hi = maxValue == null ? Float.POSITIVE_INFINITY : maxValue;
        int i = from;
        if (clamp && to - from >= VectorMath.MIN_LENGTH && Engine.current().vector()) i = VectorMath.clamp(a, from, to, 0f, hi);
        if (clamp) {
            for (; i < to; i++) a[i] = Math.min(Math.max(a[i], 0f), hi);
        } else {
            for (; i < to; i++) a[i] = apply(a[i]);
        }
    }

    @Override public String toString() { return isPlain() ? "relu" : "relu(max_value=" + maxValue + ", negative_slope=" + negativeSlope + ", threshold=" + threshold + ")"; }
}
