package org.convscope.grad;

import org.convscope.layers.Dense;
import org.convscope.tensor.Tensor;

/**
 * Dense on any rank: dJ/dz through the activation (z recomputed by a linear twin of the layer when
 * {@link ActivationGradient#needsInput}), then dX = dZ·Kᵀ, a GEMM over the last axis
 * ({@link ConvInputGradient#dense}). The bias does not depend on the input.
 */
public final class DenseGradient implements SingleInputGradient<Dense> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public DenseGradient() {}

    @Override
    public Tensor backward(Dense l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation()) ? new Dense(l.name(), l.kernel(), l.bias(), null).forward(x) : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        return ConvInputGradient.dense(l.kernel(), x.shape(), dz);
    }
}
