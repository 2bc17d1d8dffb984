package org.convscope.grad;

import org.convscope.layers.Dense;
import org.convscope.tensor.Tensor;

/** Dense on any rank: dJ/dz through the activation, then dX = dZ·Kᵀ (a GEMM over the last axis). */
public final class DenseGradient implements SingleInputGradient<Dense> {
    @Override
    public Tensor backward(Dense l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation()) ? new Dense(l.name(), l.kernel(), l.bias(), null).forward(x) : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        return ConvInputGradient.dense(l.kernel(), x.shape(), dz);
    }
}
