package org.convscope.grad;

import org.convscope.conv.TransposeGeometry;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.tensor.Tensor;

/** Conv2DTranspose: through the activation, then the ordinary convolution of {@link ConvInputGradient#transpose}. */
public final class Conv2DTransposeGradient implements SingleInputGradient<Conv2DTranspose> {
    @Override
    public Tensor backward(Conv2DTranspose l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation())
                ? new Conv2DTranspose(l.name(), l.kernel(), l.bias(), l.strides(), l.padding(), l.dilation(), l.outputPadding(),
                        null).forward(x)
                : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        int[] ks = l.kernelSize();
        TransposeGeometry geo = TransposeGeometry.of("Conv2DTranspose '" + l.name() + "'", x.dim(0), x.dim(1), x.dim(2),
                ks[0], ks[1], l.strides(), l.dilation(), l.padding(), l.outputPadding());
        return ConvInputGradient.transpose(geo, l.kernel(), dz);
    }
}
