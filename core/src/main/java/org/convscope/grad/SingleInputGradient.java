package org.convscope.grad;

import java.util.List;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * A {@link LayerGradient} for a layer with exactly one input (every layer but the merges and
 * Concatenate). Implement the one-tensor {@link #backward(Layer, Tensor, Tensor, Tensor)}; the list
 * form checks the arity and delegates to it.
 *
 * @param <L> the layer class
 */
@FunctionalInterface
public interface SingleInputGradient<L extends Layer> extends LayerGradient<L> {
    /**
     * The backward rule for the one input: dJ/d(input) = gᵀ·∂(output)/∂(input) with g = dJ/d(output).
     *
     * @param layer          the layer whose forward pass is differentiated
     * @param input          the tensor the forward pass was given
     * @param output         what the forward pass returned for {@code input}
     * @param outputGradient dJ/d(output), with the shape of {@code output}
     * @return dJ/d(input), with the shape of {@code input}; either a new tensor or one that shares
     *         data with {@code outputGradient} (for layers that only move values around)
     */
    Tensor backward(L layer, Tensor input, Tensor output, Tensor outputGradient);

    /**
     * Checks that there is exactly one input and applies the one-tensor rule to it.
     *
     * @param layer          the layer whose forward pass is differentiated
     * @param inputs         the forward pass's inputs; must hold exactly one tensor
     * @param output         what the forward pass returned
     * @param outputGradient dJ/d(output), with the shape of {@code output}
     * @return a one-element list holding dJ/d(input)
     * @throws IllegalArgumentException naming the layer when {@code inputs} does not hold exactly
     *                                  one tensor
     */
    @Override
    default List<Tensor> backward(L layer, List<Tensor> inputs, Tensor output, Tensor outputGradient) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(layer.kerasClass() + " '" + layer.name() + "' takes 1 input, got " + inputs.size());
        }
        return List.of(backward(layer, inputs.get(0), output, outputGradient));
    }
}
