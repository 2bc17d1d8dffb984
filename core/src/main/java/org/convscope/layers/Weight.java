package org.convscope.layers;

import org.convscope.tensor.Tensor;

/**
 * A named weight of a layer, as Keras stores it ({@code kernel}, {@code bias},
 * {@code moving_mean}, ...). Non-trainable weights (BatchNormalization's moving statistics)
 * count as "Non-trainable params" in the summary.
 *
 * @param name Keras's weight name, for example {@code kernel}
 * @param trainable false for weights that training does not change
 * @param value the values as Keras stores them (do not modify)
 */
public record Weight(String name, Tensor value, boolean trainable) {
    /**
     * A trainable weight.
     * @param name Keras's weight name
     * @param value the values
     * @return the weight
     */
    public static Weight trainable(String name, Tensor value) { return new Weight(name, value, true); }
    /**
     * A non-trainable weight (for example a moving statistic).
     * @param name Keras's weight name
     * @param value the values
     * @return the weight
     */
    public static Weight frozen(String name, Tensor value) { return new Weight(name, value, false); }
}
