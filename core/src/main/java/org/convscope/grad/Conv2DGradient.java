package org.convscope.grad;

import org.convscope.conv.ConvGeometry;
import org.convscope.layers.Conv2D;
import org.convscope.tensor.Tensor;

/**
 * Conv2D: y = act(conv(x, K) + b). First dJ/dz through the activation (z recomputed by a linear
 * twin of the layer when the activation is not invertible), then the transposed convolution of
 * {@link ConvInputGradient#conv2d} through the engine's GEMM. The bias does not depend on x.
 */
public final class Conv2DGradient implements SingleInputGradient<Conv2D> {
    @Override
    public Tensor backward(Conv2D l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation())
                ? new Conv2D(l.name(), l.kernel(), l.bias(), l.strides(), l.padding(), l.dilation(), l.groups(), null).forward(x)
                : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        int[] ks = l.kernelSize();
        ConvGeometry geo = ConvGeometry.of("Conv2D '" + l.name() + "'", x.dim(0), x.dim(1), x.dim(2), x.dim(3), ks[0], ks[1],
                l.strides(), l.dilation(), l.padding(), l.groups());
        return ConvInputGradient.conv2d(geo, l.kernel(), dz);
    }
}
