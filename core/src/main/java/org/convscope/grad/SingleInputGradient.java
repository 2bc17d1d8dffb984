package org.convscope.grad;

import java.util.List;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * A {@link LayerGradient} for a layer with exactly one input.
 *
 * @param <L> the layer class
 */
@FunctionalInterface
public interface SingleInputGradient<L extends Layer> extends LayerGradient<L> {
    /** dJ/d(input) from the input, the output and dJ/d(output). */
    Tensor backward(L layer, Tensor input, Tensor output, Tensor outputGradient);

    @Override
    default List<Tensor> backward(L layer, List<Tensor> inputs, Tensor output, Tensor outputGradient) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(layer.kerasClass() + " '" + layer.name() + "' takes 1 input, got " + inputs.size());
        }
        return List.of(backward(layer, inputs.get(0), output, outputGradient));
    }
}
