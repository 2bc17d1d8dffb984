package org.convscope.layers;

import org.convscope.activation.ThresholdedRelu;

/** Keras's ThresholdedReLU layer: x for x &gt; theta, 0 otherwise. */
public final class ThresholdedReLU extends ActivationLayer {
    /**
     * A {@code ThresholdedReLU} layer.
     * @param name the layer's name, unique in its model
     * @param theta the threshold
     */
    public ThresholdedReLU(String name, float theta) {
        super(name, check(name, theta));
    }

    private static ThresholdedRelu check(String name, float theta) {
        if (!(theta >= 0)) throw new IllegalArgumentException("ThresholdedReLU '" + name + "': theta must be >= 0, got " + theta);
        return new ThresholdedRelu(theta);
    }

    @Override public String kerasClass() { return "ThresholdedReLU"; }

    /**
     * The threshold.
     * @return theta
     */
    public float theta() { return ((ThresholdedRelu) activation()).theta(); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
