package org.convscope.layers;

import org.convscope.activation.ThresholdedRelu;

/** Keras's ThresholdedReLU layer: x for x &gt; theta, 0 otherwise. */
public final class ThresholdedReLU extends ActivationLayer {
    public ThresholdedReLU(String name, float theta) {
        super(name, check(name, theta));
    }

    private static ThresholdedRelu check(String name, float theta) {
        if (!(theta >= 0)) throw new IllegalArgumentException("ThresholdedReLU '" + name + "': theta must be >= 0, got " + theta);
        return new ThresholdedRelu(theta);
    }

    @Override public String kerasClass() { return "ThresholdedReLU"; }

    public float theta() { return ((ThresholdedRelu) activation()).theta(); }
}
