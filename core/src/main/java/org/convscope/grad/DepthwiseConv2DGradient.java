package org.convscope.grad;

import org.convscope.conv.ConvGeometry;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.tensor.Tensor;

/** DepthwiseConv2D: through the activation, then {@link ConvInputGradient#depthwise}. */
public final class DepthwiseConv2DGradient implements SingleInputGradient<DepthwiseConv2D> {
    @Override
    public Tensor backward(DepthwiseConv2D l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation())
                ? new DepthwiseConv2D(l.name(), l.depthwiseKernel(), l.bias(), l.strides(), l.padding(), l.dilation(), null).forward(x)
                : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        int[] ks = l.kernelSize();
        ConvGeometry geo = ConvGeometry.of("DepthwiseConv2D '" + l.name() + "'", x.dim(0), x.dim(1), x.dim(2), x.dim(3),
                ks[0], ks[1], l.strides(), l.dilation(), l.padding(), 1);
        return ConvInputGradient.depthwise(geo, l.depthwiseKernel(), dz);
    }
}
