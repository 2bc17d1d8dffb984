package org.convscope.grad;

import org.convscope.layers.ActivationLayer;
import org.convscope.tensor.Tensor;

/**
 * Activation and its siblings that are activation layers (ReLU, LeakyReLU, ELU, Softmax,
 * ThresholdedReLU): the activation's derivative, with the layer's input at hand.
 */
public final class ActivationLayerGradient implements SingleInputGradient<ActivationLayer> {
    @Override
    public Tensor backward(ActivationLayer l, Tensor x, Tensor y, Tensor g) {
        return ActivationGradient.backward(l.name(), l.activation(), x, y, g);
    }
}
