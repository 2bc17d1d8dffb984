package org.convscope.layers;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * The weights of a kernel layer in Keras's order: the given kernels, then {@code bias} when the
     * layer has one (Conv2D: kernel, bias; SeparableConv2D: depthwise_kernel, pointwise_kernel, bias).
     * @param bias the bias, or null for a layer without one
     * @param kernels the kernel weights, in order
     * @return the weights, unmodifiable
     */
    public static List<Weight> withBias(Tensor bias, Weight... kernels) {
        List<Weight> w = new ArrayList<>(List.of(kernels));
        if (bias != null) w.add(trainable("bias", bias));
        return List.copyOf(w);
    }
}
