package org.convscope.grad;

import org.convscope.geometry.ConvGeometry;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.tensor.Tensor;

/**
 * DepthwiseConv2D: dJ/dz through the activation (z recomputed by a linear twin of the layer when
 * {@link ActivationGradient#needsInput}), then each input channel gathers the gradients of its
 * {@code mult} output channels through the same taps ({@link ConvInputGradient#depthwise}).
 */
public final class DepthwiseConv2DGradient implements SingleInputGradient<DepthwiseConv2D> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public DepthwiseConv2DGradient() {}

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
