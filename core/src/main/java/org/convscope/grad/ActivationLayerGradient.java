package org.convscope.grad;

import org.convscope.layers.ActivationLayer;
import org.convscope.tensor.Tensor;

/**
 * Activation and its siblings that are activation layers (ReLU, LeakyReLU, ELU, Softmax,
 * ThresholdedReLU): the activation's derivative, with the layer's input at hand.
 */
public final class ActivationLayerGradient implements SingleInputGradient<ActivationLayer> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public ActivationLayerGradient() {}

    @Override
    public Tensor backward(ActivationLayer l, Tensor x, Tensor y, Tensor g) {
        return ActivationGradient.backward(l.name(), l.activation(), x, y, g);
    }
}
