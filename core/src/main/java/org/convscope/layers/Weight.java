package org.convscope.layers;

import org.convscope.tensor.Tensor;

/**
 * A named weight of a layer, as Keras stores it ({@code kernel}, {@code bias},
 * {@code moving_mean}, ...). Non-trainable weights (BatchNormalization's moving statistics)
 * count as "Non-trainable params" in the summary.
 */
public record Weight(String name, Tensor value, boolean trainable) {
    public static Weight trainable(String name, Tensor value) { return new Weight(name, value, true); }
    public static Weight frozen(String name, Tensor value) { return new Weight(name, value, false); }
}
