package org.convscope.layers;

import org.convscope.activation.LeakyRelu;

/** Keras's LeakyReLU layer: x for x ≥ 0, negative_slope·x below (the layer's Keras default is 0.3). */
public final class LeakyReLU extends ActivationLayer {
    /**
     * A {@code LeakyReLU} layer.
     * @param name the layer's name, unique in its model
     * @param negativeSlope the slope for negative inputs
     */
    public LeakyReLU(String name, float negativeSlope) {
        super(name, check(name, negativeSlope));
    }

    private static LeakyRelu check(String name, float negativeSlope) {
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException("LeakyReLU '" + name + "': negative_slope must be >= 0, got " + negativeSlope);
        }
        return new LeakyRelu(negativeSlope);
    }

    @Override public String kerasClass() { return "LeakyReLU"; }

    /**
     * The slope for negative inputs.
     * @return the slope
     */
    public float negativeSlope() { return ((LeakyRelu) activation()).negativeSlope(); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
