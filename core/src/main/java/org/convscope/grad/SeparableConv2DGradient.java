package org.convscope.grad;

import org.convscope.geometry.ConvGeometry;
import org.convscope.layers.SeparableConv2D;
import org.convscope.tensor.Tensor;

/**
 * SeparableConv2D = depthwise conv, then a 1×1 (pointwise) conv with bias and activation. Backward
 * runs the two in reverse: dJ/dz through the activation, dJ/d(mid) = dz·Pᵀ (a GEMM, P the pointwise
 * kernel as a {@code (cin·mult) × cout} matrix), then the depthwise input gradient. The
 * pre-activation z is recomputed by a linear twin of the layer only when
 * {@link ActivationGradient#needsInput}.
 */
public final class SeparableConv2DGradient implements SingleInputGradient<SeparableConv2D> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public SeparableConv2DGradient() {}

    @Override
    public Tensor backward(SeparableConv2D l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation())
                ? new SeparableConv2D(l.name(), l.depthwiseKernel(), l.pointwiseKernel(), l.bias(), l.strides(), l.padding(),
                        l.dilation(), null).forward(x)
                : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        Tensor pw = l.pointwiseKernel();
        Tensor p = pw.reshape(pw.dim(2), pw.dim(3));
        int[] midShape = {dz.dim(0), dz.dim(1), dz.dim(2), pw.dim(2)};
        Tensor dMid = ConvInputGradient.dense(p, midShape, dz);
        int[] ks = l.kernelSize();
        ConvGeometry geo = ConvGeometry.of("SeparableConv2D '" + l.name() + "'", x.dim(0), x.dim(1), x.dim(2), x.dim(3),
                ks[0], ks[1], l.strides(), l.dilation(), l.padding(), 1);
        return ConvInputGradient.depthwise(geo, l.depthwiseKernel(), dMid);
    }
}
