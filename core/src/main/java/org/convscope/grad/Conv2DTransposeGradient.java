package org.convscope.grad;

import org.convscope.geometry.TransposeGeometry;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.tensor.Tensor;

/**
 * Conv2DTranspose: dJ/dz through the activation (z recomputed by a linear twin of the layer when
 * {@link ActivationGradient#needsInput}), then the ordinary strided, dilated convolution of
 * {@link ConvInputGradient#transpose}. The bias does not depend on the input.
 */
public final class Conv2DTransposeGradient implements SingleInputGradient<Conv2DTranspose> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public Conv2DTransposeGradient() {}

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
