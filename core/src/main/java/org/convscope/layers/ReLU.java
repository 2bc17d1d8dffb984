package org.convscope.layers;

import org.convscope.activation.Relu;

/**
 * Keras's ReLU layer: {@code relu(x, negative_slope, max_value, threshold)}, see {@link Relu} for
 * the exact piecewise definition (x ≥ max_value → max_value; threshold &lt; x &lt; max_value → x;
 * x &lt; threshold → negative_slope·(x − threshold)).
 */
public final class ReLU extends ActivationLayer {
    /**
     * Keras's {@code ReLU} layer.
     *
     * @param maxValue null for no upper limit; otherwise &gt;= 0
     * @param negativeSlope &gt;= 0
     * @param threshold &gt;= 0
     * @param name the layer's name, unique in its model
     */
    public ReLU(String name, Float maxValue, float negativeSlope, float threshold) {
        super(name, check(name, maxValue, negativeSlope, threshold));
    }

    private static Relu check(String name, Float maxValue, float negativeSlope, float threshold) {
        String me = "ReLU '" + name + "'";
        if (maxValue != null && !(maxValue >= 0)) throw new IllegalArgumentException(me + ": max_value must be >= 0, got " + maxValue);
        if (!(negativeSlope >= 0)) throw new IllegalArgumentException(me + ": negative_slope must be >= 0, got " + negativeSlope);
        if (!(threshold >= 0)) throw new IllegalArgumentException(me + ": threshold must be >= 0, got " + threshold);
        return new Relu(maxValue, negativeSlope, threshold);
    }

    @Override public String kerasClass() { return "ReLU"; }

    private Relu relu() { return (Relu) activation(); }
    /**
     * null when unbounded.
     *
     * @return the upper limit, or null when unbounded
     */
    public Float maxValue() { return relu().maxValue(); }
    /**
     * The slope below the threshold.
     * @return the slope
     */
    public float negativeSlope() { return relu().negativeSlope(); }
    /**
     * The threshold.
     * @return the threshold
     */
    public float threshold() { return relu().threshold(); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
